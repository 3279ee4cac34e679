package dev.usagekit.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.annotation.Nullable;

/** Error bodies shaped like the API's: {@code {"error":{"message","type","param","code"}}}. */
final class ApiErrors {
  static final String INVALID_REQUEST = "invalid_request_error";

  private ApiErrors() {}

  static String body(String message, String type, @Nullable String param, @Nullable String code) {
    ObjectNode error = Json.object();
    error.put("message", message);
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    ObjectNode root = Json.object();
    root.set("error", error);
    return Json.write(root);
  }

  static String invalidParameter(String message, @Nullable String param) {
    return body(message, INVALID_REQUEST, param, null);
  }

  static String missingKey() {
    return body(
        "You didn't provide an API key. You need to provide your API key in an Authorization header "
            + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        INVALID_REQUEST,
        null,
        null);
  }

  static String incorrectKey(String given) {
    return body(
        "Incorrect API key provided: " + redact(given) + ". You can find your API key at "
            + "https://platform.openai.com/account/api-keys.",
        INVALID_REQUEST,
        null,
        "invalid_api_key");
  }

  static String invalidUrl(String method, String path) {
    return body("Invalid URL (" + method + " " + path + ")", INVALID_REQUEST, null, null);
  }

  static String invalidCursor(String reason) {
    return invalidParameter("Invalid page cursor: " + reason + ". Pass the next_page value of the "
        + "previous response, with the same query parameters.", "page");
  }

  /** The body the API sends with {@code status} when nothing more specific applies. */
  static String forStatus(int status) {
    switch (status) {
      case 400:
        return body("Invalid request.", INVALID_REQUEST, null, null);
      case 401:
        return missingKey();
      case 403:
        return body("You have insufficient permissions for this operation. Missing scopes: "
            + "api.usage.read. Check that you have the correct role in your organization.",
            INVALID_REQUEST, null, null);
      case 404:
        return body("Not found.", INVALID_REQUEST, null, null);
      case 429:
        return body("Rate limit reached for requests to the usage API. Please try again later.",
            "requests", null, "rate_limit_exceeded");
      case 500:
        return body("The server had an error while processing your request. Sorry about that!",
            "server_error", null, null);
      case 502:
        return body("Bad gateway.", "server_error", null, null);
      case 503:
        return body("The server is overloaded or not ready yet.", "server_error", null, null);
      case 504:
        return body("Gateway timeout.", "server_error", null, null);
      default:
        return body("HTTP " + status, status >= 500 ? "server_error" : INVALID_REQUEST, null, null);
    }
  }

  /** The key as the API quotes it in an error: never whole. */
  static String redact(String key) {
    if (key.length() < 16) {
      return "****";
    }
    return key.substring(0, 3) + "****" + key.substring(key.length() - 4);
  }
}
