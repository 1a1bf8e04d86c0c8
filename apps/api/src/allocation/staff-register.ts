import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { logLine } from '@conduct/logging';
import { recordStaffSeen } from '@conduct/persistence';

/** How long a first sighting may hold a request up before it goes on without it (PostgreSQL slow or down). */
const RECORD_WITHIN_MS = 1500;

/**
 * Who has signed in to which force: the people work can be allocated to (issue 15). Each caller is recorded the first
 * time this process sees them in a force and role, from the verified token or web session; a failure to record is
 * logged and tried again on their next request, never a refusal of the request itself.
 */
@Injectable()
export class StaffRegister {
  private readonly seenHere = new Set<string>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async seen(user: { id: string; forceId: string; role: string }): Promise<void> {
    const key = JSON.stringify([user.id, user.forceId, user.role]);
    if (this.seenHere.has(key)) return;
    this.seenHere.add(key);
    let timer: NodeJS.Timeout | undefined;
    const recorded = recordStaffSeen(this.db, { userId: user.id, forceId: user.forceId, role: user.role }).then(
      () => true,
      (error: unknown) => {
        this.seenHere.delete(key);
        logLine('api', 'warn', 'could not record a signed-in user in the staff register; tried again on their next request', { error: error instanceof Error ? error.message : String(error) });
        return false;
      },
    );
    await Promise.race([recorded, new Promise((resolve) => (timer = setTimeout(resolve, RECORD_WITHIN_MS)))]);
    clearTimeout(timer);
  }
}
