import { BadRequestException, Injectable } from '@nestjs/common';
import { type AuditPage, type AuditQuery, AuditLogStore, AuditQueryError } from '@brygga/admin-access';

/** The audit log as a list for viewers; a query the store cannot run is a 400 naming its parameter. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly log: AuditLogStore) {}

  async list(query: AuditQuery): Promise<AuditPage> {
    try {
      return await this.log.list(query);
    } catch (error) {
      if (error instanceof AuditQueryError) throw new BadRequestException(error.message);
      throw error;
    }
  }
}
