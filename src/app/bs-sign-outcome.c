/* bs-sign-outcome.c — see bs-sign-outcome.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-sign-outcome.h"
#include "bs-bsre-session.h"
#include "bs-error.h"
#include "bs-http.h"

#include <glib/gi18n.h>

static const char *
service_reason (int code)
{
  switch ((BsBsreError) code)
    {
    case BS_BSRE_ERROR_UNREACHABLE: return _("the service cannot be reached");
    case BS_BSRE_ERROR_TIMEOUT: return _("the service did not answer in time");
    case BS_BSRE_ERROR_OUTCOME_UNKNOWN:
      return _("the service did not answer: look in the output folder before signing it again");
    case BS_BSRE_ERROR_TLS: return _("the service's certificate is not trusted");
    case BS_BSRE_ERROR_INVALID_PASSPHRASE: return _("wrong passphrase");
    case BS_BSRE_ERROR_INVALID_OTP: return _("wrong or expired code");
    case BS_BSRE_ERROR_SESSION_EXPIRED: return _("the session has ended: log in again");
    case BS_BSRE_ERROR_UNAUTHORIZED: return _("the service refused the integration's password: log in again");
    case BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE: return _("your certificate is not active");
    case BS_BSRE_ERROR_RATE_LIMITED: return _("too many requests: try again in a moment");
    case BS_BSRE_ERROR_SERVER_ERROR: return _("the service failed");
    default: return NULL;
    }
}

static const char *
transport_reason (int code)
{
  switch ((BsHttpError) code)
    {
    case BS_HTTP_ERROR_CONNECT: return _("the service cannot be reached");
    case BS_HTTP_ERROR_TIMEOUT:
    case BS_HTTP_ERROR_NO_ANSWER: return _("the service did not answer in time");
    case BS_HTTP_ERROR_TLS: return _("the service's certificate is not trusted");
    default: return NULL;
    }
}

static const char *
document_reason (int code)
{
  switch ((BsError) code)
    {
    case BS_ERROR_NOT_PDF: return _("not a PDF file");
    case BS_ERROR_ENCRYPTED: return _("the PDF is protected with a password");
    case BS_ERROR_NO_SPACE: return _("the output folder is full");
    case BS_ERROR_BAD_PASSPHRASE: return _("wrong password of the certificate file");
    default: return NULL;
    }
}

char *
bs_sign_failure_reason (const GError *error)
{
  const char *reason = NULL;

  if (error == NULL)
    return g_strdup (_("unknown error"));
  if (error->domain == BS_BSRE_ERROR)
    reason = service_reason (error->code);
  else if (error->domain == BS_HTTP_ERROR)
    reason = transport_reason (error->code);
  else if (error->domain == BS_ERROR)
    reason = document_reason (error->code);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    reason = _("cancelled");
  /* The core's own messages are translated already. */
  return g_strdup (reason ? reason : error->message);
}

gboolean
bs_sign_error_is_refusal (const GError *error)
{
  return g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE)
         || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP)
         || g_error_matches (error, BS_ERROR, BS_ERROR_BAD_PASSPHRASE);
}

void
bs_sign_count (GPtrArray *documents, guint *n_signed, guint *n_failed)
{
  *n_signed = *n_failed = 0;
  for (guint i = 0; i < documents->len; i++)
    switch (bs_app_document_get_state (g_ptr_array_index (documents, i)))
      {
      case BS_DOC_SIGNED: (*n_signed)++; break;
      case BS_DOC_FAILED: (*n_failed)++; break;
      case BS_DOC_PENDING:
      default: break;
      }
}

/* The reason all failed documents share, or NULL when they differ. */
static const char *
common_failure (GPtrArray *documents)
{
  const char *common = NULL;

  for (guint i = 0; i < documents->len; i++)
    {
      BsAppDocument *doc = g_ptr_array_index (documents, i);
      const char *failure = bs_app_document_get_failure (doc);

      if (bs_app_document_get_state (doc) != BS_DOC_FAILED || failure == NULL)
        continue;
      if (common != NULL && !g_str_equal (common, failure))
        return NULL;
      common = failure;
    }
  return common;
}

char *
bs_sign_summary (GPtrArray *documents)
{
  guint n_signed, n_failed;
  const char *reason = common_failure (documents);

  bs_sign_count (documents, &n_signed, &n_failed);
  if (n_failed == 0)
    return g_strdup_printf (_("%u signed"), n_signed);
  if (reason != NULL)
    return g_strdup_printf (_("%u signed, %u failed: %s"), n_signed, n_failed, reason);
  return g_strdup_printf (_("%u signed, %u failed (the reasons are listed)"), n_signed, n_failed);
}
