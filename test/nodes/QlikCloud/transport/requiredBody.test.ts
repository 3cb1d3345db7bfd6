/**
 * A JSON body that Qlik's spec requires is sent even when every field is empty: `{}`, which n8n
 * would otherwise drop (it sends no body for an empty object). Through the node, against the
 * simulator, which refuses the missing body as Qlik's spec does.
 */
import { rl, runNode } from '../../../helpers/n8n';
import { hex } from '../../../helpers/samples';
import { apiKeyCredential, requests, simApi, useSimulator } from '../../../helpers/sim';

const sim = useSimulator();

describe('a required body with no field set', () => {
	it('app copy sends {}', async () => {
		const id = hex();
		sim().seed(`/api/v1/apps/${id}`, { name: 'Seeded' });
		sim().clearLog();
		const result = await runNode({
			parameters: { resource: 'app', operation: 'copy', appId: rl(id) },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		const [sent] = requests(sim(), 'POST', `/api/v1/apps/${id}/copy`);
		expect(sent).toMatchObject({ status: 200, body: {} });
		expect(sent.headers['content-type']).toBe('application/json');
		expect(sent.headers['content-length']).toBe('2');
	});

	it('app create with no attribute sends {}', async () => {
		sim().clearLog();
		const result = await runNode({
			parameters: { resource: 'app', operation: 'create' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim(), 'POST', '/api/v1/apps')[0]).toMatchObject({ body: {} });
	});

	it('the unused-credentials filter with no filter set sends {}', async () => {
		sim().clearLog();
		const result = await runNode({
			parameters: { resource: 'dataCredential', operation: 'getOrphans' },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		const [sent] = requests(sim(), 'POST', '/api/v1/data-credentials/actions/filter-orphan');
		expect(sent).toMatchObject({ status: 200, body: {} });
	});

	it('a space replaced with no attribute set sends {}', async () => {
		const space = await simApi(sim(), 'POST', '/api/v1/spaces', {
			name: `Replace ${hex()}`,
			type: 'shared',
		});
		sim().clearLog();
		const result = await runNode({
			parameters: { resource: 'space', operation: 'replace', spaceId: rl(String(space.id)) },
			credential: apiKeyCredential(sim()),
		});
		expect(result.error).toBeUndefined();
		expect(requests(sim(), 'PUT', `/api/v1/spaces/${String(space.id)}`)[0]).toMatchObject({
			status: 200,
			body: {},
		});
	});

	it('without it the simulator would refuse the request, as the spec requires a body', async () => {
		const id = hex();
		sim().seed(`/api/v1/apps/${id}`, { name: 'Seeded' });
		const answer = await fetch(`${sim().url}/api/v1/apps/${id}/copy`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${sim().credentials.apiKey}` },
		});
		expect(answer.status).toBe(400);
		expect(await answer.json()).toMatchObject({
			errors: [
				{ code: 'HTTP-400', detail: 'A request body is required.', source: { pointer: '' } },
			],
		});
	});
});
