// Errors in the shape of AppSync's control plane (restJson1, as the AWS SDK parses them): the HTTP
// status, the `x-amzn-ErrorType` header naming the exception, and a `{"message": …}` body. The SDK
// turns them into BadRequestException, AccessDeniedException, … with that message.

/** One control-plane error answer. */
export interface ControlPlaneError {
  status: number;
  errorType: string;
  message: string;
}

/** BadRequestException (400): "The request is not well formed" (API_EvaluateCode, Errors). */
export function badRequest(message: string): ControlPlaneError {
  return { status: 400, errorType: 'BadRequestException', message };
}

/** Whether a parse result is an error answer rather than a value. */
export function isControlPlaneError(value: unknown): value is ControlPlaneError {
  return value !== null && typeof value === 'object' && 'errorType' in value && 'status' in value;
}

/** NotFoundException (404): "The resource specified in the request was not found". */
export function notFound(message: string): ControlPlaneError {
  return { status: 404, errorType: 'NotFoundException', message };
}
