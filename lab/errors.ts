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
