// Where the deployment secret comes from at start (secrets.ts derives keys from it): SECRET_KEY; for the
// embedded database, a random key kept beside its data (created once, readable by the owner only), so a
// laptop install needs no setting; for PostgreSQL without SECRET_KEY, a random key for this process, with
// a warning: then codes sealed on one node (or before a restart) cannot be opened on another.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setDeploymentSecret } from './secrets.ts';

export function loadDeploymentSecret(
  config: { secretKey: string | null; dataDir: string },
  kind: 'pglite' | 'postgres',
  warn: (message: string) => void,
) {
  if (config.secretKey) return setDeploymentSecret(config.secretKey);
  if (kind === 'pglite') {
    const file = path.join(config.dataDir, 'secret.key');
    if (!existsSync(file)) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    }
    return setDeploymentSecret(readFileSync(file, 'utf8').trim());
  }
  warn(
    'SECRET_KEY is not set: SMS codes are sealed with a key for this process only; set SECRET_KEY (the same on every node) for a real deployment',
  );
  setDeploymentSecret(randomBytes(32));
}
