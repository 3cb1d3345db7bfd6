import type { ResourceCuration } from '../../shared/resource';
import { redacted } from '../dataConnection/common';

/** Data credentials: no output shows a password or secret. */
export const curation: ResourceCuration = {
	extend: {
		get: redacted,
		replace: redacted,
		update: redacted,
		delete: redacted,
		getOrphans: redacted,
	},
};
