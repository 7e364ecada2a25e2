/* bs-app-context-verify.c — reading documents: their empty signature
 * fields, their verification (offline, or also asking the revocation
 * services), and the signed version of a revision. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"
#include "bs-error.h"
#include "bs-pdf-document.h"
#include "bs-signed-version.h"

/* ---- empty signature fields ------------------------------------------------ */

static gpointer
fields_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  return bs_sign_empty_fields (input, error);
}

static const BsCoreCall fields_spec = {
  fields_call, g_free, (GDestroyNotify) g_ptr_array_unref, NULL, NULL, FALSE,
};

void
bs_app_context_find_fields_async (BsAppContext *self, const char *path, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer data)
{
  bs_app_context_run (self, &fields_spec, g_strdup (path), NULL, cancellable, callback, data);
}

GPtrArray *
bs_app_context_find_fields_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return bs_core_task_finish (result, error);
}

/* ---- verification ---------------------------------------------------------- */

typedef struct {
  char     *path;
  char    **trust;
  gboolean  online;
  BsSecret *password;
} VerifyInput;

static void
verify_input_free (VerifyInput *in)
{
  g_free (in->path);
  g_strfreev (in->trust);
  bs_secret_free (in->password);
  g_free (in);
}

/* The report only says why a file could not be read, in words; whether
 * the reason is a password (none, or a wrong one) is asked of the PDF
 * reader again, only then. */
static gboolean
needs_password (VerifyInput *in, GError **error)
{
  g_autoptr(GError) local = NULL;
  BsPdfDocument *doc = bs_pdf_document_open_password (in->path,
                                                      BS_PDF_OPEN_ALLOW_ENCRYPTED | BS_PDF_OPEN_ALLOW_RECOVERY,
                                                      in->password ? bs_secret_get (in->password) : NULL, &local);

  g_clear_pointer (&doc, bs_pdf_document_free);
  if (!g_error_matches (local, BS_ERROR, BS_ERROR_ENCRYPTED))
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&local));
  return TRUE;
}

static gpointer
verify_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  VerifyInput *in = input;
  BsVerifyOptions options = { .trust_paths = in->trust, .online = in->online, .pdf_password = in->password };
  BsVerifyReport *report = bs_verify_file (in->path, &options, cancellable, error);

  if (report != NULL && report->verdict == BS_VERDICT_ERROR && needs_password (in, error))
    g_clear_pointer (&report, bs_verify_report_free);
  return report;
}

static const BsCoreCall verify_spec = {
  verify_call, (GDestroyNotify) verify_input_free, (GDestroyNotify) bs_verify_report_free, NULL, NULL, FALSE,
};

void
bs_app_context_verify_async (BsAppContext *self, const char *path, gboolean online, const BsSecret *pdf_password,
                             GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  VerifyInput *in = g_new0 (VerifyInput, 1);
  g_auto(GStrv) folders = bs_settings_dup_trust_folders (self->settings);
  g_autoptr(GStrvBuilder) trust = g_strv_builder_new ();

  g_strv_builder_addv (trust, (const char **) folders);
  for (guint i = 0; i < self->trust->len; i++)
    g_strv_builder_add (trust, g_ptr_array_index (self->trust, i));
  in->path = g_strdup (path);
  in->trust = g_strv_builder_end (trust);
  in->online = online;
  in->password = pdf_password ? bs_secret_new (bs_secret_get (pdf_password), bs_secret_get_length (pdf_password))
                              : NULL;
  bs_app_context_run (self, &verify_spec, in, NULL, cancellable, callback, data);
}

BsVerifyReport *
bs_app_context_verify_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return bs_core_task_finish (result, error);
}

/* ---- a signed version ------------------------------------------------------ */

typedef struct {
  char   *path;
  gint64  end;
} VersionInput;

static void
version_input_free (VersionInput *in)
{
  g_free (in->path);
  g_free (in);
}

/* Copying a whole revision is file work: off the main loop. */
static gpointer
version_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  VersionInput *in = input;

  return bs_signed_version_save (in->path, in->end, error);
}

static const BsCoreCall version_spec = {
  version_call, (GDestroyNotify) version_input_free, g_free, NULL, NULL, FALSE,
};

void
bs_app_context_save_version_async (BsAppContext *self, const char *path, gint64 end, GCancellable *cancellable,
                                   GAsyncReadyCallback callback, gpointer data)
{
  VersionInput *in = g_new0 (VersionInput, 1);

  in->path = g_strdup (path);
  in->end = end;
  bs_app_context_run (self, &version_spec, in, NULL, cancellable, callback, data);
}

char *
bs_app_context_save_version_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return bs_core_task_finish (result, error);
}
