/* bs-bsre-answer.c — see bs-bsre-answer.h.
 *
 * The real service sends its errors as {"error": "…", "status_code": 2031}
 * (status_code a number, or a string on some deployments), refuses wrong
 * HTTP Basic credentials in Spring's {timestamp,status,error,path} shape,
 * and answers some faults with a 500 or a 400 whose body is not JSON at all
 * (shared api/bsre-api.md §1, §8). The contract's extra "code" is never
 * read: the status_code decides first, then the HTTP status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign-core"

#include "bs-bsre-answer.h"
#include "bs-json-read.h"

#include <glib/gi18n-lib.h>

/* Certificate states the service may give as the reason a signer cannot
 * sign (the status codes of check/status, §3). */
static const struct {
  gint64      code;
  const char *status;
} certificate_states[] = {
  { 2021, "NO_CERTIFICATE" },
  { 2022, "NEW" },
  { 2023, "WAITING_FOR_VERIFICATION" },
  { 2024, "RENEW" },
  { 2025, "EXPIRED" },
  { 2026, "SUSPEND" },
  { 2027, "REVOKE" },
};

static gboolean
is_spring (json_object *answer)
{
  return answer != NULL && json_object_object_get_ex (answer, "timestamp", NULL)
         && json_object_object_get_ex (answer, "path", NULL);
}

/* The service's own sentence, when it wrote one for people (Spring's
 * "Unauthorized" is not one). */
static const char *
service_text (json_object *answer)
{
  const char *text = NULL;

  if (answer == NULL || is_spring (answer) || !bs_json_optional_string (answer, "error", &text, NULL)
      || text == NULL || *text == '\0')
    return NULL;
  return text;
}

static void
set_invalid_passphrase (json_object *answer, GError **error)
{
  gint64 left = -1;

  if (bs_json_code (answer, "attemptsLeft", &left) && left >= 0)
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE,
                 _("Wrong passphrase (attempts left before signing is locked: %d)"), (int) left);
  else
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE, _("Wrong passphrase"));
}

static void
set_too_many (json_object *answer, BsBsreError code, GError **error)
{
  gint64 seconds = -1;
  gint64 minutes = bs_json_code (answer, "retryAfter", &seconds) && seconds >= 0 ? MAX ((seconds + 59) / 60, 1) : 15;

  g_set_error (error, BS_BSRE_ERROR, code, _("Too many attempts: try again in %d min."), (int) minutes);
}

static void
set_not_active (json_object *answer, gint64 status_code, GError **error)
{
  const char *status = NULL;

  bs_json_optional_string (answer, "status", &status, NULL);
  for (gsize i = 0; status == NULL && i < G_N_ELEMENTS (certificate_states); i++)
    if (certificate_states[i].code == status_code)
      status = certificate_states[i].status;
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE,
               _("Your certificate cannot sign now (status %s)"), status ? status : "?");
}

static void
set_refused (json_object *answer, long http_status, GError **error)
{
  const char *text = service_text (answer);

  if (text != NULL)
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST, _("The service refused the request: %s"), text);
  else
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_BAD_REQUEST, _("The service refused the request (HTTP %ld)"),
                 http_status);
}

static void
set_session_expired (GError **error)
{
  g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED,
                       _("Your session has ended: log in again (your documents are kept)"));
}

static void
set_unauthorized (GError **error)
{
  g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED,
                       _("The service refused the integration's user name or password"));
}

static void
set_server_error (long http_status, GError **error)
{
  g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SERVER_ERROR,
               _("The service has a problem (HTTP %ld); try again later, your documents are kept"), http_status);
}

/* The meaning of the service's status_code, when it is one we know. */
static gboolean
set_from_status_code (gint64 code, json_object *answer, long http_status, GError **error)
{
  switch (code)
    {
    case 2031: set_invalid_passphrase (answer, error); return TRUE;
    case 2011:
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND,
                           _("The signer is not registered with BSrE: check the NIK or e-mail"));
      return TRUE;
    case 2021: case 2022: case 2023: case 2024: case 2025: case 2026: case 2027: case 4091:
      set_not_active (answer, code, error);
      return TRUE;
    case 4000: set_refused (answer, http_status, error); return TRUE;
    case 4011:
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_CREDENTIALS,
                           _("Wrong username/e-mail or password"));
      return TRUE;
    case 4012:
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP,
                           _("The code is wrong, has expired or was already used"));
      return TRUE;
    case 4013: set_session_expired (error); return TRUE;
    case 4031: set_too_many (answer, BS_BSRE_ERROR_LOCKED, error); return TRUE;
    case 4044:
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND, _("The service does not know this user"));
      return TRUE;
    case 4131:
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_TOO_LARGE, _("The document is too large for the service"));
      return TRUE;
    case 4291: set_too_many (answer, BS_BSRE_ERROR_RATE_LIMITED, error); return TRUE;
    case 5000: set_server_error (http_status, error); return TRUE;
    default: return FALSE;
    }
}

static void
set_from_http_status (long status, json_object *answer, BsBsreSentAuth sent, GError **error)
{
  if (status == 401 && (is_spring (answer) || sent == BS_BSRE_SENT_BASIC))
    set_unauthorized (error);
  else if (status == 401 && sent == BS_BSRE_SENT_BEARER)
    set_session_expired (error);
  else if (status == 401)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_CREDENTIALS, _("Wrong username/e-mail or password"));
  else if (status == 403 && json_object_object_get_ex (answer, "retryAfter", NULL))
    set_too_many (answer, BS_BSRE_ERROR_LOCKED, error);
  else if (status == 403)
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED, _("The service refused access (HTTP %ld)"), status);
  else if (status == 404 && answer == NULL)
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND,
                 _("The service has no such address (HTTP %ld): check the service URL"), status);
  else if (status == 404)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_NOT_FOUND, _("The service does not know this user"));
  else if (status == 409)
    set_not_active (answer, 0, error);
  else if (status == 413)
    g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_TOO_LARGE, _("The document is too large for the service"));
  else if (status == 429)
    set_too_many (answer, BS_BSRE_ERROR_RATE_LIMITED, error);
  else if (status >= 400 && status < 500)
    set_refused (answer, status, error);
  else if (status >= 500)
    set_server_error (status, error);
  else
    g_set_error (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNEXPECTED_ANSWER,
                 _("The service gave an unexpected answer (HTTP %ld)"), status);
}

void
bs_bsre_answer_set_error (long http_status, json_object *answer, BsBsreSentAuth sent, GError **error)
{
  gint64 code = 0;

  /* A 5xx is the service's fault whatever its body says. */
  if (http_status < 500 && bs_json_code (answer, "status_code", &code)
      && set_from_status_code (code, answer, http_status, error))
    return;
  if (http_status >= 200 && http_status < 300)
    set_refused (answer, http_status, error);
  else
    set_from_http_status (http_status, answer, sent, error);
}

gboolean
bs_bsre_answer_is_error (json_object *answer)
{
  const char *text = NULL;
  gint64 code = 0;

  return answer != NULL && bs_json_optional_string (answer, "error", &text, NULL) && text != NULL
         && bs_json_code (answer, "status_code", &code);
}
