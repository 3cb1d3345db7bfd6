/**
 * Matches a method and pathname to a route; literal segments win over `{params}`, which win over
 * a trailing `{param*}` (a file path: one or more segments, slashes kept).
 */
import type { Route } from './types';

interface Compiled {
	route: Route;
	regex: RegExp;
	names: string[];
	/** One char per segment: 'A' literal, 'B' parameter, 'C' path; sorted ascending, so literals win. */
	rank: string;
}

export type Match =
	| { kind: 'route'; route: Route; params: Record<string, string> }
	| { kind: 'method'; allowed: string[] }
	| { kind: 'none' };

export class Router {
	private compiled: Compiled[] = [];

	constructor(routes: Route[] = []) {
		for (const route of routes) this.add(route);
	}

	add(route: Route) {
		const names: string[] = [];
		const segments = route.path.split('/').filter(Boolean);
		const source = segments
			.map((segment) => {
				const param = /^\{([^}*]+)(\*?)\}$/.exec(segment);
				if (param) {
					names.push(param[1]);
					return param[2] ? '/(.+)' : '/([^/]+)';
				}
				return `/${segment.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}`;
			})
			.join('');
		const rank = segments
			.map((s) => (s.endsWith('*}') ? 'C' : s.startsWith('{') ? 'B' : 'A'))
			.join('');
		this.compiled.push({ route, regex: new RegExp(`^${source || '/'}/?$`), names, rank });
		// Literal-first ordering ('/users/me' before '/users/{userId}'); stable otherwise.
		this.compiled.sort((a, b) => (a.rank === b.rank ? 0 : a.rank < b.rank ? -1 : 1));
	}

	match(method: string, path: string): Match {
		const allowed = new Set<string>();
		for (const c of this.compiled) {
			const m = c.regex.exec(path);
			if (!m) continue;
			let params: Record<string, string>;
			try {
				params = Object.fromEntries(c.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
			} catch {
				continue;
			}
			const wanted = method === 'HEAD' ? ['HEAD', 'GET'] : [method];
			if (wanted.includes(c.route.method)) return { kind: 'route', route: c.route, params };
			allowed.add(c.route.method);
		}
		if (allowed.size) return { kind: 'method', allowed: [...allowed] };
		return { kind: 'none' };
	}
}
