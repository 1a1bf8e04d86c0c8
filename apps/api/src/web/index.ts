import { CaseOfficerPageController } from './allocation/case-officer.controller';
import { UnallocatedController } from './allocation/unallocated.controller';
import { AssetsController } from './assets.controller';
import { ConfidentialReportingPagesController } from './confidential/confidential.controller';
import { ConfidentialReportsDeskController } from './confidential/department.controller';
import { MatterController } from './matter/matter.controller';
import { MyWorkController } from './my-work/my-work.controller';
import { OversightController } from './oversight/oversight.controller';
import { MessagesController } from './messages/messages.controller';
import { Pages } from './rendering/pages';
import { PersonCharacteristicsPageController } from './person/characteristics.controller';
import { PersonPageController } from './person/person.controller';
import { RecommendationPagesController } from './recommendations/recommendation.controller';
import { ReferController } from './refer/refer.controller';
import { SignInController } from './sign-in/sign-in.controller';
import { SignInMethod } from './sign-in/sign-in-method';
import { SignedInGuard } from './session/signed-in.guard';
import { WebSessions } from './session/web-sessions';
import { WebErrorFilter } from './web-errors.filter';

// The case-working web interface, served by the API's process at /. Its pages call the API's own services (the same
// permission checks, the same refusals), so its controllers and providers join the application's module.
export const WEB_CONTROLLERS = [AssetsController, SignInController, MyWorkController, MatterController, ReferController, OversightController, MessagesController, RecommendationPagesController, PersonPageController, PersonCharacteristicsPageController, ConfidentialReportingPagesController, ConfidentialReportsDeskController, UnallocatedController, CaseOfficerPageController];
export const WEB_PROVIDERS = [Pages, WebSessions, SignedInGuard, WebErrorFilter, SignInMethod];
