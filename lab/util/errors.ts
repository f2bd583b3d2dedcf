/**
 * An error in what the user asked for or has installed. Its message says what is wrong and how to fix
 * it; a stack trace through the harness would only bury that.
 */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(message: string) {
    super(message);
    this.stack = message;
  }
}

/** Something the host lacks for a fabric (a binary, a build, root, a kernel feature), found before anything is created. */
export class PreflightError extends UserFacingError {
  override name = 'PreflightError';
}
