// The one table from Status codes to HTTP statuses, and error responses.
#pragma once

#include "api/http.h"
#include "base/status.h"

namespace biobridge::api {

int HttpStatusFor(StatusCode code);

// {"error":{"code":..,"message":..,"field":..,"language":..}} with the status
// for the code, the message told in `language` when the catalogue knows it
// (error_text.h; "language" says which it is in). Internal errors are
// logged in full and answered without their details.
HttpResponse ErrorResponse(const Status& status, std::string_view language = "en");

}  // namespace biobridge::api
