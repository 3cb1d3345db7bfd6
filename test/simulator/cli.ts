/**
 * Starts the tenant simulator and prints how to sign in to it.
 *
 *   ts-node --transpile-only test/simulator/cli.ts [--port 4173] [--demo] [--seed 1]
 *     [--redirect-uri <url>]... [--token-ttl <seconds>] [--no-rate-limits]
 *
 * The port also comes from QLIK_SIM_PORT (default: a free port). Runs until SIGINT/SIGTERM.
 */
import { startSimulator } from './index';
import type { SimulatorOptions } from './types';

function parseArgs(argv: string[]): SimulatorOptions {
	const options: SimulatorOptions = { quiet: true, redirectUris: [] };
	const value = (i: number, flag: string) => {
		const v = argv[i + 1];
		if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
		return v;
	};
	const envPort = process.env.QLIK_SIM_PORT;
	if (envPort) options.port = Number(envPort);
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		const take = () => (inline !== undefined ? inline : value(i++, flag));
		switch (flag) {
			case '--port':
				options.port = Number(take());
				break;
			case '--demo':
				options.demo = true;
				break;
			case '--seed':
				options.seed = Number(take());
				break;
			case '--token-ttl':
				options.tokenTtlSeconds = Number(take());
				break;
			case '--redirect-uri':
				options.redirectUris?.push(take());
				break;
			case '--no-rate-limits':
				options.rateLimits = false;
				break;
			case '--verbose':
				options.quiet = false;
				break;
			case '--help':
			case '-h':
				console.log(
					'Usage: cli.ts [--port N] [--demo] [--seed N] [--token-ttl S] [--redirect-uri URL]... [--no-rate-limits] [--verbose]',
				);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${argv[i]}`);
		}
	}
	if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 0))
		throw new Error('The port must be a whole number (0 = any free port)');
	return options;
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	if (options.quiet === false)
		options.onLog = (e) =>
			console.log(
				`${new Date(e.time).toISOString()} ${e.method} ${e.path} → ${e.status || 'dropped'}${e.fault ? ` (fault ${e.fault})` : ''}`,
			);
	const sim = await startSimulator(options);
	const c = sim.credentials;
	const lines = [
		'',
		`Qlik Cloud tenant simulator listening on ${sim.url}${options.demo ? ' (demo tenant)' : ''}`,
		'',
		`Tenant URL            ${c.tenantUrl}`,
		'',
		'API key (user Ada Admin, TenantAdmin)',
		`  API key             ${c.apiKey}`,
		`  try                 curl -H "Authorization: Bearer ${c.apiKey}" ${sim.url}/api/v1/spaces`,
		'',
		'OAuth machine-to-machine (client credentials; user impersonation)',
		`  Client ID           ${c.m2m.clientId}`,
		`  Client secret       ${c.m2m.clientSecret}`,
		`  Scope               user_default (default)`,
		`  impersonate member  user_lookup {"field": "subject", "value": "${c.users.member.subject}"}`,
		`                   or user_lookup {"field": "userId", "value": "${c.users.member.id}"}`,
		'',
		'OAuth interactive (authorization code + PKCE S256; the admin consents automatically)',
		`  Public client ID    ${c.interactive.clientId}   (no secret)`,
		`  Web client ID       ${c.interactiveConfidential.clientId}`,
		`  Web client secret   ${c.interactiveConfidential.clientSecret}`,
		`  Scope               user_default offline_access (offline_access gives a refresh token)`,
		'  Redirect URIs       exact match against the registered list:',
		...c.interactive.redirectUris.map((u) => `                      ${u}`),
		'                      (add more with --redirect-uri <url>)',
		'',
		'Users',
		...(['admin', 'member', 'bot'] as const).map(
			(k) =>
				`  ${k.padEnd(7)} ${c.users[k].name.padEnd(31)} id ${c.users[k].id}  subject ${c.users[k].subject}`,
		),
		'',
		'Press Ctrl+C to stop.',
		'',
	];
	console.log(lines.join('\n'));

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the simulator.`);
		sim.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(
		`Could not start the simulator: ${error instanceof Error ? error.message : String(error)}`,
	);
	process.exit(1);
});
