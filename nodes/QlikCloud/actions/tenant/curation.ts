import { curate } from '../../shared/resource';
import { checkAccess } from './checkAccess';

export const curation = curate('tenant', {
	borrow: {
		checkAccess: {
			table: 'tenant',
			operation: 'getCurrent',
			option: {
				name: 'Check Access',
				action: "Check the credential's access to the tenant",
				description:
					'One item per check: the tenant, the user and roles, spaces, data files, connections, admin APIs, key expiry, the webhook URL',
			},
			extension: checkAccess,
		},
	},
});
