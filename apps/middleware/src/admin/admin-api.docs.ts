import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AdminApiModule } from './admin-api.module';

export const ADMIN_DOCS_PATH = 'admin/docs';
export const ADMIN_DOCS_JSON_PATH = 'admin/docs-json';

/**
 * The admin API's OpenAPI document, served as a UI at `/admin/docs` and as JSON at
 * `/admin/docs-json`. Both stay open: they describe routes and roles, hold no data, and
 * every route they describe is behind the role guard. Each operation names its least role
 * in `x-required-role` (written by `@AdminRoute`, from the value the guard reads).
 */
export function setupAdminApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Brygga admin API')
    .setDescription('Operations: flows, queues, failed jobs, quarantine, rules, tenants, audit. Bearer tokens with a role (viewer < operator < admin); errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', bearerFormat: 'an admin token (npm run admin-token)', description: 'Authorization: Bearer <token>; its role is configured with its hash' })
    .build();
  const document = SwaggerModule.createDocument(app, config, { include: [AdminApiModule] });
  SwaggerModule.setup(ADMIN_DOCS_PATH, app, document, { jsonDocumentUrl: ADMIN_DOCS_JSON_PATH, yamlDocumentUrl: undefined, customSiteTitle: 'Brygga admin API' });
}
