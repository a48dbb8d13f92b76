// The one table from Status codes to HTTP statuses, and error responses.
#pragma once

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api {

int HttpStatusFor(StatusCode code);

// {"error":{"code":..,"message":..,"field":..}} with the status for the code.
// Internal errors are logged in full and answered without their details.
HttpResponse ErrorResponse(const Status& status);

}  // namespace biobridge::api
