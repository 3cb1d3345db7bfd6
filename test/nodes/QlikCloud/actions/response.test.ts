/** The generic executor (nodes/QlikCloud/actions/response.ts): a download's file name. */
import type { FakeRequest } from '../../../helpers/fakeTenant';
import { useFakeTenant } from '../../../helpers/fakeTenant';
import { rl, runNode } from '../../../helpers/n8n';

const tenant = useFakeTenant();

async function download(disposition: string) {
	tenant().handle = (r: FakeRequest) =>
		r.path === '/api/v1/extensions/e1/file'
			? {
					headers: { 'Content-Type': 'text/csv', 'Content-Disposition': disposition },
					body: 'a,b\n1,2\n',
				}
			: undefined;
	return await runNode({
		parameters: { resource: 'extension', operation: 'download', extensionId: rl('e1') },
		credential: tenant().credential,
	});
}

describe('a download names its file from Content-Disposition', () => {
	it.each([
		[`attachment; filename="plain.csv"; filename*=UTF-8''caf%C3%A9.csv`, 'café.csv'],
		[`attachment; filename*=UTF-8''caf%C3%A9.csv; filename="plain.csv"`, 'café.csv'],
		['attachment; filename="100%.csv"', '100%.csv'],
		[`attachment; filename*=UTF-8''100%.csv`, '100%.csv'],
		['attachment; filename=plain.csv', 'plain.csv'],
		['attachment', 'file'],
	])('%s → %s', async (disposition, name) => {
		const result = await download(disposition);
		expect(result.error).toBeUndefined();
		expect(result.items[0].json.fileName).toBe(name);
		expect(result.items[0].binary?.data.fileName).toBe(name);
	});
});
