/* bs-app-context-sign.c — signing a batch of documents with the account
 * (only hashes leave the machine), an Esign Client Service (the whole
 * documents go to the service, in one request) or a local certificate
 * file. See bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"
#include "bs-output.h"
#include "bs-sign-outcome.h"
#include "bs-sign-server-side.h"
#include "bs-signer-pkcs12.h"
#include "bs-signer-remote.h"

#include <glib/gi18n.h>

/* Everything the worker reads is copied here on the main thread; the
 * documents themselves are only touched back on the main thread. */
typedef struct {
  BsSharedSession    *session;     /* account or Esign Client Service signing, or NULL */
  gboolean            server_side; /* the service signs the whole documents */
  char               *p12_path;    /* local signing, or NULL */
  char               *who;
  BsSecret           *secret;
  gboolean            is_otp;
  char               *output_dir;
  char               *specimen;    /* image of visible signatures, or NULL */
  char               *tsa_url;
  BsSignLevel         level;
  GPtrArray          *paths;       /* char *, NULL-terminated */
  GPtrArray          *options;     /* BsSignOptions *, NULL-terminated */
  GPtrArray          *field_names; /* what the options' field_name point to */
  GPtrArray          *pdf_passwords; /* BsSecret copies the options point to */
  GPtrArray          *documents;   /* BsAppDocument, main thread only */
  BsSignProgressFunc  progress;
} SignInput;

typedef struct {
  BsAppDocument      *doc;
  BsSignResult        result;
  guint               done, total;
  BsSignProgressFunc  progress;
} SignNote;

typedef struct {
  SignInput *in;
  BsCoreJob *job;
} Worker;

static void
sign_input_free (SignInput *in)
{
  g_clear_pointer (&in->session, bs_shared_session_unref);
  g_free (in->p12_path);
  g_free (in->who);
  bs_secret_free (in->secret);
  g_free (in->output_dir);
  g_free (in->specimen);
  g_free (in->tsa_url);
  g_ptr_array_unref (in->paths);
  g_ptr_array_unref (in->options);
  g_ptr_array_unref (in->field_names);
  g_ptr_array_unref (in->pdf_passwords);
  g_ptr_array_unref (in->documents);
  g_free (in);
}

static void
sign_note_free (SignNote *n)
{
  g_object_unref (n->doc);
  g_free (n->result.input);
  g_free (n->result.output);
  g_clear_error (&n->result.error);
  g_free (n);
}

/* On the main thread: a signed document is marked at once; failures wait
 * for the end of the batch (a refused passphrase is not a failure). */
static void
on_sign_note (gpointer note, GObject *target)
{
  SignNote *n = note;

  if (n->result.output != NULL)
    bs_app_document_set_result (n->doc, &n->result);
  if (n->progress != NULL && target != NULL)
    n->progress (target, n->done, n->total);
}

/* The document a result is about: inputs are listed once each. */
static BsAppDocument *
document_of (SignInput *in, const char *input)
{
  for (guint i = 0; i < in->documents->len; i++)
    if (g_str_equal (g_ptr_array_index (in->paths, i), input))
      return g_ptr_array_index (in->documents, i);
  return NULL;
}

/* On the worker: each finished document goes to the main loop. */
static void
on_sign_progress (const BsSignResult *r, guint done, guint total, gpointer data)
{
  Worker *w = data;
  BsAppDocument *doc = document_of (w->in, r->input);
  SignNote *n;

  if (doc == NULL)
    return;
  n = g_new0 (SignNote, 1);
  n->doc = g_object_ref (doc);
  n->result.input = g_strdup (r->input);
  n->result.output = g_strdup (r->output);
  n->result.error = r->error ? g_error_copy (r->error) : NULL;
  n->result.repaired = r->repaired;
  n->done = done;
  n->total = total;
  n->progress = w->in->progress;
  bs_core_job_post (w->job, n);
}

static gpointer
sign_call (gpointer input, BsCoreJob *job, GCancellable *cancellable, GError **error)
{
  SignInput *in = input;
  BsBsreSigningAuth auth = { in->is_otp ? NULL : in->secret, in->is_otp ? in->secret : NULL };
  Worker w = { in, job };
  g_autoptr(BsSigner) signer = NULL;

  if (in->server_side)
    return bs_sign_files_server_side_each (bs_shared_session_get (in->session), in->who, &auth,
                                           (const char *const *) in->paths->pdata,
                                           (const BsSignOptions *const *) in->options->pdata, on_sign_progress, &w,
                                           cancellable);
  signer = in->p12_path
                               ? bs_signer_pkcs12_new (in->p12_path, in->secret, error)
                               : bs_signer_remote_new (bs_shared_session_get (in->session), in->who, &auth,
                                                       cancellable, error);

  if (signer == NULL)
    return NULL;
  return bs_sign_files_each ((const char *const *) in->paths->pdata, (const BsSignOptions *const *) in->options->pdata,
                             signer, on_sign_progress, &w, cancellable);
}

static const BsCoreCall sign_spec = {
  sign_call, (GDestroyNotify) sign_input_free, (GDestroyNotify) g_ptr_array_unref,
  on_sign_note, (GDestroyNotify) sign_note_free, TRUE,
};

/* The configured level; B-T by default when a TSA is known. */
static BsSignLevel
signing_level (BsAppContext *self, const char *tsa_url)
{
  g_autofree char *text = bs_settings_dup_string (self->settings, "level");
  BsSignLevel level = tsa_url ? BS_SIGN_LEVEL_B_T : BS_SIGN_LEVEL_B_B;

  if (text != NULL && bs_sign_level_parse (text, &level) && level >= BS_SIGN_LEVEL_B_T && tsa_url == NULL)
    level = BS_SIGN_LEVEL_B_B;
  return level;
}

static void
add_document (SignInput *in, BsAppDocument *doc)
{
  BsSignOptions *o = g_new0 (BsSignOptions, 1);
  char *field = g_strdup (bs_app_document_get_field_name (doc));

  o->visible = bs_app_document_get_visible (doc);
  o->image_path = o->visible ? in->specimen : NULL;
  o->page = bs_app_document_get_page (doc);
  o->rect = *bs_app_document_get_rect (doc);
  o->output_dir = in->output_dir;
  o->level = in->level;
  o->tsa_url = in->tsa_url;
  o->field_name = field;
  g_ptr_array_add (in->field_names, field);
  if (bs_app_document_get_pdf_password (doc) != NULL)
    {
      const BsSecret *given = bs_app_document_get_pdf_password (doc);
      BsSecret *copy = bs_secret_new (bs_secret_get (given), bs_secret_get_length (given));
      o->pdf_password = copy;
      g_ptr_array_add (in->pdf_passwords, copy);
    }
  g_ptr_array_add (in->options, o);
  g_ptr_array_add (in->paths, g_strdup (bs_app_document_get_path (doc)));
  g_ptr_array_add (in->documents, g_object_ref (doc));
}

static SignInput *
sign_input (BsAppContext *self, GPtrArray *documents, BsSecret *secret, gboolean is_otp)
{
  SignInput *in = g_new0 (SignInput, 1);
  g_autofree char *configured = bs_settings_dup_string (self->settings, "output-folder");

  in->secret = secret;
  in->is_otp = is_otp;
  in->output_dir = configured ? g_steal_pointer (&configured) : bs_output_default_dir ();
  in->tsa_url = self->tsa_override ? g_strdup (self->tsa_override) : bs_settings_dup_string (self->settings, "tsa-url");
  in->level = signing_level (self, in->tsa_url);
  in->specimen = bs_settings_dup_string (self->settings, "specimen");
  if (in->specimen != NULL && !g_file_test (in->specimen, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&in->specimen, g_free);
  in->paths = g_ptr_array_new_null_terminated (documents->len, g_free, TRUE);
  in->options = g_ptr_array_new_null_terminated (documents->len, g_free, TRUE);
  in->field_names = g_ptr_array_new_with_free_func (g_free);
  in->pdf_passwords = g_ptr_array_new_with_free_func ((GDestroyNotify) bs_secret_free);
  in->documents = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < documents->len; i++)
    add_document (in, g_ptr_array_index (documents, i));
  return in;
}

void
bs_app_context_sign_async (BsAppContext *self, GPtrArray *documents, BsSecret *secret, gboolean is_otp,
                           BsSignProgressFunc progress, GObject *target, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer data)
{
  SignInput *in;
  GError *error = NULL;

  g_return_if_fail (BS_IS_APP_CONTEXT (self) && documents != NULL);

  in = sign_input (self, documents, secret, is_otp);
  in->progress = progress;
  g_mkdir_with_parents (in->output_dir, 0700);
  if (self->p12_path != NULL)
    in->p12_path = g_strdup (self->p12_path);
  else if (self->user == NULL)
    error = g_error_new_literal (BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED,
                                 _("Your session has ended: log in again (your documents are kept)"));
  else if ((in->session = bs_app_context_dup_session (self, &error)) != NULL)
    {
      in->who = g_strdup (bs_app_context_who (self));
      in->server_side = bs_bsre_session_get_kind (bs_shared_session_get (in->session)) == BS_BSRE_KIND_ESIGN_CLIENT;
    }
  if (error != NULL)
    {
      sign_input_free (in);
      bs_app_context_fail (self, error, callback, data);
      return;
    }
  bs_app_context_run (self, &sign_spec, in, target, cancellable, callback, data);
}

/* Errors that are about the authorisation or the account, not about a
 * document: when every document failed with one of them, nothing was
 * signed and the batch as a whole failed. */
static gboolean
batch_wide (const GError *error)
{
  return bs_sign_error_is_refusal (error)
         || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED)
         || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED)
         || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_LOCKED)
         || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE);
}

/* The one error every document failed with, or NULL. */
static const GError *
batch_error (GPtrArray *results)
{
  const GError *shared = NULL;

  for (guint i = 0; i < results->len; i++)
    {
      const BsSignResult *r = g_ptr_array_index (results, i);
      if (r->output != NULL || !batch_wide (r->error)
          || (shared != NULL && (shared->domain != r->error->domain || shared->code != r->error->code)))
        return NULL;
      shared = r->error;
    }
  return shared;
}

static void
record_results (SignInput *in, GPtrArray *results)
{
  for (guint i = 0; i < results->len && i < in->documents->len; i++)
    {
      const BsSignResult *r = g_ptr_array_index (results, i);
      /* Not reached before the cancel: still to be signed. */
      if (r->output == NULL && g_error_matches (r->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        continue;
      bs_app_document_set_result (g_ptr_array_index (in->documents, i), r);
    }
}

gboolean
bs_app_context_sign_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  SignInput *in = bs_core_task_get_input (result);
  g_autoptr(GError) failure = NULL;
  g_autoptr(GPtrArray) results = bs_core_task_finish (result, &failure);
  const GError *shared = results ? batch_error (results) : NULL;

  if (results != NULL && shared == NULL)
    {
      record_results (in, results);
      return TRUE;
    }
  if (shared != NULL)
    failure = g_error_copy (shared);
  /* The session ended under us (or the integration's password is no
   * longer accepted): back to the login, documents kept. */
  if (g_error_matches (failure, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED))
    {
      g_clear_pointer (&self->session, bs_shared_session_unref);
      bs_app_context_set_integration_password (self, NULL);
    }
  if ((g_error_matches (failure, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED)
       || g_error_matches (failure, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED)) && self->user != NULL)
    bs_app_context_set_user (self, NULL);
  g_propagate_error (error, g_steal_pointer (&failure));
  return FALSE;
}
