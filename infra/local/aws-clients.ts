import { localRegion } from './names';

/**
 * Dummy credentials: the local endpoints accept any, but the SDK refuses to sign without some.
 * Never real ones, so nothing here can reach an AWS account by mistake.
 */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export const localClientConfig = (endpoint: string) => ({
  endpoint,
  region: localRegion,
  credentials: localCredentials,
});
