/* bs-app-context-verify.c — reading documents: their empty signature
 * fields, their verification (offline, or also asking the revocation
 * services), and the signed version of a revision. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"
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
} VerifyInput;

static void
verify_input_free (VerifyInput *in)
{
  g_free (in->path);
  g_strfreev (in->trust);
  g_free (in);
}

static gpointer
verify_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  VerifyInput *in = input;
  BsVerifyOptions options = { .trust_paths = in->trust, .online = in->online };

  return bs_verify_file (in->path, &options, cancellable, error);
}

static const BsCoreCall verify_spec = {
  verify_call, (GDestroyNotify) verify_input_free, (GDestroyNotify) bs_verify_report_free, NULL, NULL, FALSE,
};

void
bs_app_context_verify_async (BsAppContext *self, const char *path, gboolean online, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer data)
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
