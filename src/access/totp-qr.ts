// The authenticator's key as a QR code: an admin or supervisor enrolling points their phone's
// authenticator app at it instead of typing 32 letters. Drawn on the server as an SVG (uqr, no
// dependencies), so the citizens' bundle carries no QR encoder; the sign-in page shows it as an image.
import { renderSVG } from 'uqr';

/** The otpauth:// URI as an SVG QR code: error correction M, a quiet zone of 4 modules, 1 unit a module. */
export function otpauthQrSvg(uri: string): string {
  return renderSVG(uri, { ecc: 'M', border: 4, pixelSize: 1 });
}
