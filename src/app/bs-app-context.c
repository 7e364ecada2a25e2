/* bs-app-context.c — see bs-app-context.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context.h"
#include "bs-bsre-signer-id.h"
#include "bs-output.h"
#include "bs-signer-pkcs12.h"
#include "bs-signer-remote.h"

#include <glib/gi18n.h>

struct _BsAppContext {
  GObject        parent_instance;

  BsSettings    *settings;
  char          *server_url;    /* overrides the settings when set */
  char          *server_ca;
  char          *configured_server;  /* the settings' server-url, read last */
  GPtrArray     *trust;         /* extra anchors (char *) */
  BsBsreSession *session;
  BsBsreLogin   *pending_login;
  BsBsreUser    *user;
  char          *p12_path;     /* local signing instead of the account */
};

enum { PROP_0, PROP_USER, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsAppContext, bs_app_context, G_TYPE_OBJECT)

BsAppDocument *
bs_app_document_new (const char *path)
{
  BsAppDocument *doc = g_new0 (BsAppDocument, 1);

  doc->path = g_strdup (path);
  doc->page = 1;
  doc->rect = (BsDisplayRect) { 36, 36, 180, 72 };
  return doc;
}

void
bs_app_document_free (BsAppDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->path);
  g_free (doc->field_name);
  g_clear_pointer (&doc->fields, g_ptr_array_unref);
  g_free (doc);
}

static void
bs_app_context_finalize (GObject *object)
{
  BsAppContext *self = BS_APP_CONTEXT (object);

  bs_settings_free (self->settings);
  g_free (self->server_url);
  g_free (self->server_ca);
  g_free (self->configured_server);
  g_ptr_array_unref (self->trust);
  bs_bsre_session_free (self->session);
  bs_bsre_login_free (self->pending_login);
  bs_bsre_user_free (self->user);
  g_free (self->p12_path);
  G_OBJECT_CLASS (bs_app_context_parent_class)->finalize (object);
}

static void
bs_app_context_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsAppContext *self = BS_APP_CONTEXT (object);

  if (id == PROP_USER)
    g_value_set_pointer (value, self->user);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bs_app_context_class_init (BsAppContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = bs_app_context_finalize;
  object_class->get_property = bs_app_context_get_property;
  props[PROP_USER] = g_param_spec_pointer ("user", NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, props);
}

static void
bs_app_context_init (BsAppContext *self)
{
  g_autoptr(GError) error = NULL;

  self->settings = bs_settings_load (NULL, &error);
  if (self->settings == NULL)
    {
      g_warning ("%s", error->message);
      self->settings = bs_settings_load ("/dev/null", NULL);
    }
  self->trust = g_ptr_array_new_with_free_func (g_free);
}

BsAppContext *
bs_app_context_new (void)
{
  return g_object_new (BS_TYPE_APP_CONTEXT, NULL);
}

void
bs_app_context_set_server (BsAppContext *self, const char *url, const char *ca_file)
{
  g_free (self->server_url);
  g_free (self->server_ca);
  self->server_url = g_strdup (url);
  self->server_ca = g_strdup (ca_file);
  g_clear_pointer (&self->session, bs_bsre_session_free);
}

const char *
bs_app_context_get_server (BsAppContext *self)
{
  if (self->server_url != NULL)
    return self->server_url;
  g_free (self->configured_server);
  self->configured_server = bs_settings_dup_string (self->settings, "server-url");
  return self->configured_server;
}

void
bs_app_context_add_trust (BsAppContext *self, const char *path)
{
  g_ptr_array_add (self->trust, g_strdup (path));
}

BsSettings *
bs_app_context_get_settings (BsAppContext *self)
{
  return self->settings;
}

void
bs_app_context_settings_changed (BsAppContext *self)
{
  if (self->user == NULL)
    g_clear_pointer (&self->session, bs_bsre_session_free);
}

BsBsreUser *
bs_app_context_get_user (BsAppContext *self)
{
  return self->user;
}

void
bs_app_context_use_local_certificate (BsAppContext *self, const char *p12_path)
{
  g_free (self->p12_path);
  self->p12_path = g_strdup (p12_path);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER]);
}

const char *
bs_app_context_get_local_certificate (BsAppContext *self)
{
  return self->p12_path;
}

gboolean
bs_app_context_can_sign (BsAppContext *self)
{
  return self->user != NULL || self->p12_path != NULL;
}

BsBsreLogin *
bs_app_context_get_pending_login (BsAppContext *self)
{
  return self->pending_login;
}

static void
set_user (BsAppContext *self, BsBsreUser *user)
{
  bs_bsre_user_free (self->user);
  self->user = user;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER]);
}

static BsBsreSession *
session (BsAppContext *self, GError **error)
{
  g_autofree char *ca = NULL;
  const char *url;

  if (self->session != NULL)
    return self->session;
  url = bs_app_context_get_server (self);
  ca = self->server_ca ? g_strdup (self->server_ca) : bs_settings_dup_string (self->settings, "server-ca-file");
  if (url == NULL)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_REFUSED_URL,
                           _("No BSrE service is configured: set its address in the configuration"));
      return NULL;
    }
  self->session = bs_bsre_session_new (url, ca, error);
  return self->session;
}

void
bs_app_context_logout (BsAppContext *self)
{
  /* Best effort: the token is forgotten locally whatever the answer. */
  if (self->session != NULL && bs_bsre_session_is_logged_in (self->session))
    bs_bsre_logout (self->session, NULL, NULL);
  g_clear_pointer (&self->pending_login, bs_bsre_login_free);
  g_clear_pointer (&self->p12_path, g_free);
  set_user (self, NULL);
}

/* ---- login ---------------------------------------------------------------- */

typedef struct {
  BsBsreSession *session;
  char          *username;
  char          *device_id;
  char          *device_name;
  BsSecret      *secret;
  guint          documents;
  BsBsreLogin   *login;     /* borrowed from the context */
} AccountCall;

static void
account_call_free (AccountCall *c)
{
  g_free (c->username);
  g_free (c->device_id);
  g_free (c->device_name);
  bs_secret_free (c->secret);
  g_free (c);
}

static GTask *
account_task (BsAppContext *self, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data,
              AccountCall **call_out)
{
  GTask *task = g_task_new (self, cancellable, callback, data);
  g_autoptr(GError) error = NULL;
  AccountCall *call = g_new0 (AccountCall, 1);

  call->session = session (self, &error);
  call->login = self->pending_login;
  g_task_set_task_data (task, call, (GDestroyNotify) account_call_free);
  *call_out = call;
  if (call->session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return NULL;
    }
  return task;
}

static void
login_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AccountCall *call = task_data;
  GError *error = NULL;
  BsBsreLogin *login = bs_bsre_login (call->session, call->username, call->secret, cancellable, &error);

  if (login == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, login, (GDestroyNotify) bs_bsre_login_free);
}

void
bs_app_context_login_async (BsAppContext *self, const char *username, BsSecret *password,
                            GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  AccountCall *call;
  GTask *task = account_task (self, cancellable, callback, data, &call);

  call->secret = password;
  if (task == NULL)
    return;
  call->username = g_strdup (username);
  g_task_run_in_thread (task, login_thread);
  g_object_unref (task);
}

gboolean
bs_app_context_login_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  BsBsreLogin *login = g_task_propagate_pointer (G_TASK (result), error);

  if (login == NULL)
    return FALSE;
  bs_bsre_login_free (self->pending_login);
  self->pending_login = login;
  return TRUE;
}

static void
otp_setup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AccountCall *call = task_data;
  GError *error = NULL;
  BsBsreOtpSetup *setup = bs_bsre_otp_setup (call->session, call->login, cancellable, &error);

  if (setup == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, setup, (GDestroyNotify) bs_bsre_otp_setup_free);
}

void
bs_app_context_otp_setup_async (BsAppContext *self, GCancellable *cancellable, GAsyncReadyCallback callback,
                                gpointer data)
{
  AccountCall *call;
  GTask *task = account_task (self, cancellable, callback, data, &call);

  if (task == NULL)
    return;
  g_task_run_in_thread (task, otp_setup_thread);
  g_object_unref (task);
}

BsBsreOtpSetup *
bs_app_context_otp_setup_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
otp_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AccountCall *call = task_data;
  GError *error = NULL;
  BsBsreUser *user = call->device_id
                     ? bs_bsre_otp_verify (call->session, call->login, call->device_id, call->secret, cancellable, &error)
                     : bs_bsre_otp_register (call->session, call->login, call->secret, call->device_name,
                                             cancellable, &error);

  if (user == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, user, (GDestroyNotify) bs_bsre_user_free);
}

void
bs_app_context_otp_async (BsAppContext *self, const char *device_id, const char *device_name, BsSecret *code,
                          GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  AccountCall *call;
  GTask *task = account_task (self, cancellable, callback, data, &call);

  call->secret = code;
  if (task == NULL)
    return;
  call->device_id = g_strdup (device_id);
  call->device_name = g_strdup (device_name);
  g_task_run_in_thread (task, otp_thread);
  g_object_unref (task);
}

gboolean
bs_app_context_otp_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  BsBsreUser *user = g_task_propagate_pointer (G_TASK (result), error);

  if (user == NULL)
    return FALSE;
  g_clear_pointer (&self->pending_login, bs_bsre_login_free);
  set_user (self, user);
  return TRUE;
}

static const char *
who (BsAppContext *self)
{
  return bs_bsre_user_signer_id (self->user);
}

static void
email_otp_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  AccountCall *call = task_data;
  GError *error = NULL;

  if (bs_bsre_request_email_otp (call->session, call->username, call->documents, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
bs_app_context_email_otp_async (BsAppContext *self, guint n_documents, GCancellable *cancellable,
                                GAsyncReadyCallback callback, gpointer data)
{
  AccountCall *call;
  GTask *task = account_task (self, cancellable, callback, data, &call);

  if (task == NULL)
    return;
  call->username = g_strdup (who (self));
  call->documents = n_documents;
  g_task_run_in_thread (task, email_otp_thread);
  g_object_unref (task);
}

gboolean
bs_app_context_email_otp_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- signing -------------------------------------------------------------- */

typedef struct {
  BsBsreSession  *session;
  char           *p12_path;   /* local signing, or NULL */
  char           *who;
  BsSecret       *secret;
  gboolean        is_otp;
  char           *output_dir;
  char           *specimen;   /* image of visible signatures, or NULL */
  char           *tsa_url;
  BsSignLevel     level;
  GPtrArray      *paths;      /* char *, NULL-terminated */
  GPtrArray      *options;    /* BsSignOptions *, NULL-terminated */
  GPtrArray      *fields;     /* copies of each document's field name */
  BsSignProgress  progress;
  gpointer        progress_data;
} SignCall;

static void
sign_call_free (SignCall *c)
{
  g_free (c->who);
  g_free (c->p12_path);
  bs_secret_free (c->secret);
  g_free (c->output_dir);
  g_free (c->specimen);
  g_free (c->tsa_url);
  g_ptr_array_unref (c->paths);
  g_ptr_array_unref (c->options);
  g_ptr_array_unref (c->fields);
  g_free (c);
}

typedef struct {
  SignCall     *call;
  BsSignResult  result;   /* a shallow copy, valid during the callback */
  guint         done, total;
} ProgressNote;

static gboolean
deliver_progress (gpointer data)
{
  ProgressNote *note = data;

  note->call->progress (&note->result, note->done, note->total, note->call->progress_data);
  g_free (note->result.input);
  g_free (note->result.output);
  g_clear_error (&note->result.error);
  g_free (note);
  return G_SOURCE_REMOVE;
}

/* Runs on the worker: forwards each finished document to the main loop. */
static void
on_sign_progress (const BsSignResult *r, guint done, guint total, gpointer data)
{
  SignCall *call = data;
  ProgressNote *note = g_new0 (ProgressNote, 1);

  if (call->progress == NULL)
    {
      g_free (note);
      return;
    }
  note->call = call;
  note->result.input = g_strdup (r->input);
  note->result.output = g_strdup (r->output);
  note->result.error = r->error ? g_error_copy (r->error) : NULL;
  note->done = done;
  note->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, deliver_progress, note, NULL);
}

static void
sign_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SignCall *call = task_data;
  BsBsreSigningAuth auth = { call->is_otp ? NULL : call->secret, call->is_otp ? call->secret : NULL };
  GError *error = NULL;
  g_autoptr(BsSigner) signer = call->p12_path ? bs_signer_pkcs12_new (call->p12_path, call->secret, &error)
                               : bs_signer_remote_new (call->session, call->who, &auth, cancellable, &error);

  if (signer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         bs_sign_files_each ((const char *const *) call->paths->pdata,
                                             (const BsSignOptions *const *) call->options->pdata, signer,
                                             on_sign_progress, call, cancellable),
                         (GDestroyNotify) g_ptr_array_unref);
}

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

static BsSignOptions *
options_for (const BsAppDocument *doc, const SignCall *call)
{
  BsSignOptions *o = g_new0 (BsSignOptions, 1);

  o->visible = doc->visible;
  o->image_path = doc->visible ? call->specimen : NULL;
  o->page = doc->page;
  o->rect = doc->rect;
  o->output_dir = call->output_dir;
  o->level = call->level;
  o->tsa_url = call->tsa_url;
  return o;
}

void
bs_app_context_sign_async (BsAppContext *self, GPtrArray *documents, BsSecret *secret, gboolean is_otp,
                           BsSignProgress progress, gpointer progress_data, GCancellable *cancellable,
                           GAsyncReadyCallback callback, gpointer data)
{
  GTask *task = g_task_new (self, cancellable, callback, data);
  SignCall *call = g_new0 (SignCall, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *configured = bs_settings_dup_string (self->settings, "output-folder");

  call->secret = secret;
  call->is_otp = is_otp;
  call->progress = progress;
  call->progress_data = progress_data;
  call->output_dir = configured ? g_steal_pointer (&configured) : bs_output_default_dir ();
  call->tsa_url = bs_settings_dup_string (self->settings, "tsa-url");
  call->level = signing_level (self, call->tsa_url);
  call->specimen = bs_settings_dup_string (self->settings, "specimen");
  if (call->specimen != NULL && !g_file_test (call->specimen, G_FILE_TEST_IS_REGULAR))
    g_clear_pointer (&call->specimen, g_free);
  call->paths = g_ptr_array_new_null_terminated (documents->len, g_free, TRUE);
  call->options = g_ptr_array_new_null_terminated (documents->len, g_free, TRUE);
  call->fields = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < documents->len; i++)
    {
      BsAppDocument *doc = g_ptr_array_index (documents, i);
      g_ptr_array_add (call->paths, g_strdup (doc->path));
      /* The options point into the document: it must outlive the task. */
      g_ptr_array_add (call->fields, g_strdup (doc->field_name));
      g_ptr_array_add (call->options, options_for (doc, call));
      ((BsSignOptions *) g_ptr_array_index (call->options, i))->field_name = g_ptr_array_index (call->fields, i);
    }
  g_task_set_task_data (task, call, (GDestroyNotify) sign_call_free);
  g_mkdir_with_parents (call->output_dir, 0700);
  if (self->p12_path != NULL)
    {
      call->p12_path = g_strdup (self->p12_path);
      g_task_run_in_thread (task, sign_thread);
      g_object_unref (task);
      return;
    }
  call->session = session (self, &error);
  if (call->session == NULL || self->user == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED,
                             _("Your session has ended: log in again (your documents are kept)"));
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  call->who = g_strdup (who (self));
  g_task_run_in_thread (task, sign_thread);
  g_object_unref (task);
}

GPtrArray *
bs_app_context_sign_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  GPtrArray *results = g_task_propagate_pointer (G_TASK (result), error);

  /* The session ended under us: back to the login, documents kept. */
  if (results == NULL && error && g_error_matches (*error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED))
    set_user (self, NULL);
  return results;
}

/* ---- certificate management ----------------------------------------------- */

typedef struct {
  BsBsreSession *session;
  BsCertAction   action;
  BsSecret      *first, *second;
  char          *reason;
} CertCall;

static void
cert_call_free (CertCall *c)
{
  bs_secret_free (c->first);
  bs_secret_free (c->second);
  g_free (c->reason);
  g_free (c);
}

static char *
run_certificate_action (CertCall *c, GCancellable *cancellable, GError **error)
{
  g_autofree char *out = NULL;

  switch (c->action)
    {
    case BS_CERT_CHANGE_PASSPHRASE:
      return bs_bsre_change_passphrase (c->session, c->first, c->second, cancellable, error)
             ? g_strdup (_("The passphrase was changed.")) : NULL;
    case BS_CERT_RESET_PASSPHRASE:
      return bs_bsre_reset_passphrase (c->session, &out, cancellable, error)
             ? g_strdup_printf (_("Please check your official e-mail (%s) to continue resetting the passphrase."), out)
             : NULL;
    case BS_CERT_REQUEST_ISSUANCE:
      return bs_bsre_request_issuance (c->session, &out, cancellable, error)
             ? g_strdup_printf (_("Please check your official e-mail (%s) to continue the issuance."), out) : NULL;
    case BS_CERT_REVOKE:
    default:
      return bs_bsre_revoke (c->session, c->reason, c->first, &out, cancellable, error)
             ? g_strdup_printf (_("The certificate was revoked at %s. Its status is now REVOKE."), out) : NULL;
    }
}

static void
certificate_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  char *message = run_certificate_action (task_data, cancellable, &error);

  if (message == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, message, g_free);
}

void
bs_app_context_certificate_async (BsAppContext *self, BsCertAction action, BsSecret *first, BsSecret *second,
                                  const char *reason, GCancellable *cancellable, GAsyncReadyCallback callback,
                                  gpointer data)
{
  GTask *task = g_task_new (self, cancellable, callback, data);
  CertCall *call = g_new0 (CertCall, 1);
  g_autoptr(GError) error = NULL;

  call->action = action;
  call->first = first;
  call->second = second;
  call->reason = g_strdup (reason);
  g_task_set_task_data (task, call, (GDestroyNotify) cert_call_free);
  call->session = session (self, &error);
  if (call->session == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_run_in_thread (task, certificate_thread);
  g_object_unref (task);
}

char *
bs_app_context_certificate_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- empty signature fields ------------------------------------------------ */

static void
fields_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *fields = bs_sign_empty_fields (task_data, &error);

  if (fields == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fields, (GDestroyNotify) g_ptr_array_unref);
}

void
bs_app_context_find_fields_async (BsAppContext *self, const char *path, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer data)
{
  GTask *task = g_task_new (self, cancellable, callback, data);

  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, fields_thread);
  g_object_unref (task);
}

GPtrArray *
bs_app_context_find_fields_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- verification --------------------------------------------------------- */

typedef struct {
  char  *path;
  char **trust;
} VerifyCall;

static void
verify_call_free (VerifyCall *c)
{
  g_free (c->path);
  g_strfreev (c->trust);
  g_free (c);
}

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  VerifyCall *call = task_data;
  BsVerifyOptions options = { .trust_paths = call->trust };
  GError *error = NULL;
  BsVerifyReport *report = bs_verify_file (call->path, &options, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) bs_verify_report_free);
}

void
bs_app_context_verify_async (BsAppContext *self, const char *path, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer data)
{
  GTask *task = g_task_new (self, cancellable, callback, data);
  VerifyCall *call = g_new0 (VerifyCall, 1);
  g_auto(GStrv) folders = bs_settings_dup_trust_folders (self->settings);
  g_autoptr(GStrvBuilder) trust = g_strv_builder_new ();

  g_strv_builder_addv (trust, (const char **) folders);
  for (guint i = 0; i < self->trust->len; i++)
    g_strv_builder_add (trust, g_ptr_array_index (self->trust, i));
  call->path = g_strdup (path);
  call->trust = g_strv_builder_end (trust);
  g_task_set_task_data (task, call, (GDestroyNotify) verify_call_free);
  g_task_run_in_thread (task, verify_thread);
  g_object_unref (task);
}

BsVerifyReport *
bs_app_context_verify_finish (BsAppContext *self, GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
