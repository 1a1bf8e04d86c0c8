// The production suite last: on a machine that has not built Temporal's server yet, that build runs in the
// background (tools/test.js) while every other suite does, and the production suite waits for it only at the end.
const Sequencer = require('@jest/test-sequencer').default;

class ProductionLast extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    const production = (t) => t.context.config.displayName?.name === 'production';
    return [...sorted.filter((t) => !production(t)), ...sorted.filter(production)];
  }
}

module.exports = ProductionLast;
