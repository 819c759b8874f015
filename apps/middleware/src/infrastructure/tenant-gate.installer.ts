import { Injectable, OnModuleInit } from '@nestjs/common';
import { TenantWriteGate } from '@brygga/flow-kernel';
import { RulesService } from './rules.service';

/**
 * Hands the kernel's write gate (maintenance windows, each tenant's circuit breaker) to the
 * planning clients, which exist before Nest builds it. Once the module is built, never in
 * the constructor; before any worker starts (workers start at bootstrap).
 */
@Injectable()
export class TenantGateInstaller implements OnModuleInit {
  constructor(
    private readonly rules: RulesService,
    private readonly gate: TenantWriteGate,
  ) {}

  onModuleInit(): void {
    this.rules.useTenantGate(this.gate);
  }
}
