/**
 * The token matrix as Authorization header values, for the suites that send them over
 * HTTP: each must answer 401 UNAUTHENTICATED and change nothing. `forge` signs with the local
 * server's own key (its issuer and audience), so each case fails only the check it names.
 */
import {
  hs256WithPublicKey,
  newSigningKey,
  SigningKey,
  tampered,
  TestIssuer,
  unsignedToken,
} from '../../identity/support/test-issuer';

export interface Forgery {
  readonly forge: TestIssuer;
  /** The local server's signing key. */
  readonly key: SigningKey;
}

const stranger = newSigningKey('stranger-key');
const now = () => Math.floor(Date.now() / 1000);

export function hostileTokenCases(forgery: () => Forgery): [string, () => string | undefined][] {
  const bearer = (token: () => string) => () => `Bearer ${token()}`;
  const signed = (claims: Record<string, unknown>) =>
    bearer(() => forgery().forge.sign(forgery().forge.claims(claims)));
  return [
    ['missing', () => undefined],
    ['malformed', () => 'Bearer not.a.jwt'],
    ['another scheme', () => `Basic ${forgery().forge.sign(forgery().forge.claims())}`],
    ['expired', signed({ iat: now() - 7200, exp: now() - 60 })],
    ['not yet valid', signed({ nbf: now() + 60 })],
    ['signed by another key', bearer(() => forgery().forge.sign(forgery().forge.claims(), stranger))],
    [
      'signed by another key under the server kid',
      bearer(() => forgery().forge.sign(forgery().forge.claims(), { ...stranger, kid: forgery().key.kid })),
    ],
    ['alg none', bearer(() => `${unsignedToken(forgery().key.kid, forgery().forge.claims())}AAAA`)],
    ['HS256 with the public key as secret', bearer(() => hs256WithPublicKey(forgery().key, forgery().forge.claims()))],
    ['wrong issuer', signed({ iss: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Other' })],
    ['wrong audience', signed({ aud: 'another-app-client' })],
    ['token_use access', signed({ token_use: 'access' })],
    [
      'tampered claims',
      bearer(() =>
        tampered(
          forgery().forge.sign(forgery().forge.claims()),
          forgery().forge.claims({ 'custom:tenant_id': 'other-clinic' }),
        ),
      ),
    ],
    ['no tenant', signed({ 'custom:tenant_id': undefined })],
    ['bad tenant', signed({ 'custom:tenant_id': 'Clinic A' })],
    ['no role', signed({ 'cognito:groups': undefined })],
    ['several roles', signed({ 'cognito:groups': ['staff', 'provider'], 'custom:provider_id': 'dr-lee' })],
    ['provider without provider_id', signed({ 'cognito:groups': ['provider'] })],
  ];
}
