import { none, only } from '../../../support/lint';

describe('companion variables', () => {
  it('organization IDs look like org-…', () => {
    only('OPENAI_ORG_ID=org_abc123\n', 'invalid-organization-id');
    only('OPENAI_ORGANIZATION="org-abc123 "\n', 'invalid-organization-id');
    none('OPENAI_ORG_ID=org-abc123\n', 'invalid-organization-id');
  });

  it('project IDs look like proj_…', () => {
    only('OPENAI_PROJECT_ID=proj-abc\n', 'invalid-project-id');
    none('OPENAI_PROJECT_ID=proj_abc\n', 'invalid-project-id');
  });

  it('base URLs are URLs, without an endpoint path', () => {
    only('OPENAI_BASE_URL=api.openai.com/v1\n', 'invalid-base-url');
    only('OPENAI_BASE_URL=https://api.openai.com/v1/chat/completions\n', 'invalid-base-url');
    only('OPENAI_BASE_URL=https://api.openai.com\n', 'invalid-base-url');
    none('OPENAI_BASE_URL=http://127.0.0.1:8080/v1\n', 'invalid-base-url');
  });

  it('placeholders in companions', () => {
    only('OPENAI_ORG_ID=your-org-id-here\n', 'placeholder');
  });
});
