// Prints the deadline rules table as configured, for lawyers to check:
//   DEADLINE_OVERRIDES='{"representations":{"length":15}}' npm run rules
import { formatRuleSets, formatRulesTable, formatTimelinessRules, resolveDeadlineRules } from '../libs/domain/src';
import { setting } from '@conduct/config';

try {
  process.stdout.write(formatRulesTable(resolveDeadlineRules(setting('DEADLINE_OVERRIDES'))) + '\n' + formatRuleSets() + '\n' + formatTimelinessRules());
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exitCode = 1;
}
