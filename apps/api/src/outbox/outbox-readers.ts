import type { Role } from '@conduct/domain';

/** Who may see what the engine sent: the API's outbox and the web interface's messages pages alike. */
export const OUTBOX_READERS: readonly Role[] = ['administrator', 'oversight', 'appropriate-authority', 'case-officer'];
