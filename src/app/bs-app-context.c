/* bs-app-context.c — see bs-app-context.h: the state and the properties;
 * the calls are in bs-app-context-{account,sign,certificate,verify}.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-app-context-private.h"
#include "bs-bsre-signer-id.h"

#include <glib/gi18n.h>

enum {
  PROP_0, PROP_USER, PROP_CAN_SIGN, PROP_BUSY, PROP_LOCAL_CERTIFICATE, PROP_KIND, PROP_INTEGRATION_PASSWORD_KNOWN,
  N_PROPS
};
static GParamSpec *props[N_PROPS];

enum { SIGNAL_LOGGED_OUT, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BsAppContext, bs_app_context, G_TYPE_OBJECT)

static BsBsreUser *
user_copy (BsBsreUser *user)
{
  BsBsreUser *copy = g_new0 (BsBsreUser, 1);

  copy->id = g_strdup (user->id);
  copy->name = g_strdup (user->name);
  copy->email = g_strdup (user->email);
  copy->nik = g_strdup (user->nik);
  copy->organization = g_strdup (user->organization);
  copy->certificate_status = g_strdup (user->certificate_status);
  return copy;
}

GType
bs_bsre_user_boxed_get_type (void)
{
  static gsize type;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_boxed_type_register_static (g_intern_static_string ("BsBsreUser"),
                                                                  (GBoxedCopyFunc) user_copy,
                                                                  (GBoxedFreeFunc) bs_bsre_user_free));
  return type;
}

static void
bs_app_context_finalize (GObject *object)
{
  BsAppContext *self = BS_APP_CONTEXT (object);

  bs_settings_free (self->settings);
  g_free (self->server_url);
  g_free (self->server_ca);
  g_free (self->configured_server);
  g_free (self->tsa_override);
  g_ptr_array_unref (self->trust);
  g_clear_pointer (&self->session, bs_shared_session_unref);
  bs_secret_free (self->integration_password);
  bs_bsre_login_free (self->pending_login);
  bs_bsre_user_free (self->user);
  g_free (self->p12_path);
  G_OBJECT_CLASS (bs_app_context_parent_class)->finalize (object);
}

static void
bs_app_context_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsAppContext *self = BS_APP_CONTEXT (object);

  switch (id)
    {
    case PROP_USER: g_value_set_boxed (value, self->user); break;
    case PROP_CAN_SIGN: g_value_set_boolean (value, bs_app_context_can_sign (self)); break;
    case PROP_BUSY: g_value_set_boolean (value, self->running > 0); break;
    case PROP_LOCAL_CERTIFICATE: g_value_set_string (value, self->p12_path); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_INTEGRATION_PASSWORD_KNOWN: g_value_set_boolean (value, self->integration_password != NULL); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_app_context_class_init (BsAppContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = bs_app_context_finalize;
  object_class->get_property = bs_app_context_get_property;
  props[PROP_USER] = g_param_spec_boxed ("user", NULL, NULL, BS_TYPE_BSRE_USER, flags);
  props[PROP_CAN_SIGN] = g_param_spec_boolean ("can-sign", NULL, NULL, FALSE, flags);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_LOCAL_CERTIFICATE] = g_param_spec_string ("local-certificate", NULL, NULL, NULL, flags);
  props[PROP_KIND] = g_param_spec_int ("kind", NULL, NULL, BS_BSRE_KIND_ACCOUNT, BS_BSRE_KIND_ESIGN_CLIENT,
                                       BS_BSRE_KIND_ACCOUNT, flags);
  props[PROP_INTEGRATION_PASSWORD_KNOWN] = g_param_spec_boolean ("integration-password-known", NULL, NULL, FALSE,
                                                                 flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_LOGGED_OUT] = g_signal_new ("logged-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                             NULL, NULL, NULL, G_TYPE_NONE, 0);
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
  self->kind = bs_app_context_configured_kind (self);
}

BsAppContext *
bs_app_context_new (void)
{
  return g_object_new (BS_TYPE_APP_CONTEXT, NULL);
}

void
bs_app_context_set_server (BsAppContext *self, const char *url, const char *ca_file)
{
  g_return_if_fail (BS_IS_APP_CONTEXT (self));

  g_free (self->server_url);
  g_free (self->server_ca);
  self->server_url = g_strdup (url);
  self->server_ca = g_strdup (ca_file);
  /* Tasks in flight keep their own reference. */
  g_clear_pointer (&self->session, bs_shared_session_unref);
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
bs_app_context_set_tsa_override (BsAppContext *self, const char *url)
{
  g_return_if_fail (BS_IS_APP_CONTEXT (self));

  g_free (self->tsa_override);
  self->tsa_override = g_strdup (url);
}

const char *
bs_app_context_get_tsa_override (BsAppContext *self)
{
  return self->tsa_override;
}

void
bs_app_context_add_trust (BsAppContext *self, const char *path)
{
  g_return_if_fail (BS_IS_APP_CONTEXT (self));

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
    g_clear_pointer (&self->session, bs_shared_session_unref);
  /* Another kind of connection, or another integration: its password
   * was for the one before. */
  if (bs_app_context_configured_kind (self) != BS_BSRE_KIND_ESIGN_CLIENT)
    bs_app_context_set_integration_password (self, NULL);
  bs_app_context_update_kind (self);
}

BsBsreKind
bs_app_context_configured_kind (BsAppContext *self)
{
  g_autofree char *connection = bs_settings_dup_string (self->settings, "connection");

  return g_strcmp0 (connection, "esign") == 0 ? BS_BSRE_KIND_ESIGN_CLIENT : BS_BSRE_KIND_ACCOUNT;
}

void
bs_app_context_update_kind (BsAppContext *self)
{
  BsBsreKind kind = self->user != NULL && self->session != NULL
                    ? bs_bsre_session_get_kind (bs_shared_session_get (self->session))
                    : bs_app_context_configured_kind (self);

  if (kind == self->kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_KIND]);
}

BsBsreKind
bs_app_context_get_kind (BsAppContext *self)
{
  g_return_val_if_fail (BS_IS_APP_CONTEXT (self), BS_BSRE_KIND_ACCOUNT);

  return self->kind;
}

char *
bs_app_context_dup_esign_user (BsAppContext *self)
{
  return bs_settings_dup_string (self->settings, "esign-user");
}

void
bs_app_context_set_integration_password (BsAppContext *self, BsSecret *password)
{
  gboolean was_known;

  g_return_if_fail (BS_IS_APP_CONTEXT (self));

  was_known = self->integration_password != NULL;
  bs_secret_free (self->integration_password);
  self->integration_password = password;
  /* A session not in use was made with the old password. */
  if (self->user == NULL)
    g_clear_pointer (&self->session, bs_shared_session_unref);
  if (was_known != (password != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_INTEGRATION_PASSWORD_KNOWN]);
}

gboolean
bs_app_context_has_integration_password (BsAppContext *self)
{
  return self->integration_password != NULL;
}

BsBsreUser *
bs_app_context_get_user (BsAppContext *self)
{
  return self->user;
}

static void
notify_signer (BsAppContext *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_CAN_SIGN]);
}

void
bs_app_context_use_local_certificate (BsAppContext *self, const char *p12_path)
{
  g_return_if_fail (BS_IS_APP_CONTEXT (self));

  g_free (self->p12_path);
  self->p12_path = g_strdup (p12_path);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCAL_CERTIFICATE]);
  notify_signer (self);
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

gboolean
bs_app_context_is_busy (BsAppContext *self)
{
  return self->running > 0;
}

BsBsreLogin *
bs_app_context_get_pending_login (BsAppContext *self)
{
  return self->pending_login;
}

void
bs_app_context_set_user (BsAppContext *self, BsBsreUser *user)
{
  bs_bsre_user_free (self->user);
  self->user = user;
  g_object_freeze_notify (G_OBJECT (self));
  bs_app_context_update_kind (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_USER]);
  notify_signer (self);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
bs_app_context_who (BsAppContext *self)
{
  return bs_bsre_user_signer_id (self->user);
}

/* An Esign Client Service session needs the integration's name (from
 * the settings) and password (given this run). */
static BsSharedSession *
new_esign_session (BsAppContext *self, const char *url, const char *ca, GError **error)
{
  g_autofree char *user = bs_app_context_dup_esign_user (self);

  if (user == NULL)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED,
                           _("No integration user name is configured: set it in the configuration (Service)"));
      return NULL;
    }
  if (self->integration_password == NULL)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_UNAUTHORIZED,
                           _("Enter the integration's password."));
      return NULL;
    }
  return bs_shared_session_new_esign (url, ca, user, self->integration_password, error);
}

BsSharedSession *
bs_app_context_dup_session (BsAppContext *self, GError **error)
{
  g_autofree char *ca = NULL;
  const char *url;

  if (self->session != NULL)
    return bs_shared_session_ref (self->session);
  url = bs_app_context_get_server (self);
  if (url == NULL)
    {
      g_set_error_literal (error, BS_BSRE_ERROR, BS_BSRE_ERROR_REFUSED_URL,
                           _("No BSrE service is configured: set its address in the configuration"));
      return NULL;
    }
  ca = self->server_ca ? g_strdup (self->server_ca) : bs_settings_dup_string (self->settings, "server-ca-file");
  if (bs_app_context_configured_kind (self) == BS_BSRE_KIND_ESIGN_CLIENT)
    self->session = new_esign_session (self, url, ca, error);
  else
    self->session = bs_shared_session_new (url, ca, error);
  return self->session ? bs_shared_session_ref (self->session) : NULL;
}

void
bs_app_context_logout (BsAppContext *self)
{
  BsSharedSession *old = g_steal_pointer (&self->session);

  g_return_if_fail (BS_IS_APP_CONTEXT (self));

  /* A new session for the next user: nothing of this one's carries over.
   * The service is told on a worker (best effort: the token is forgotten
   * here whatever it answers). */
  if (old != NULL)
    bs_app_context_end_session (self, old);
  g_clear_pointer (&self->pending_login, bs_bsre_login_free);
  g_object_freeze_notify (G_OBJECT (self));
  bs_app_context_use_local_certificate (self, NULL);
  bs_app_context_set_user (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_LOGGED_OUT], 0);
}

/* ---- running calls --------------------------------------------------------- */

typedef struct {
  BsAppContext        *self;
  GAsyncReadyCallback  callback;
  gpointer             data;
} Pending;

static void
set_running (BsAppContext *self, int delta)
{
  gboolean was = self->running > 0;

  self->running += delta;
  if (was != (self->running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
call_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Pending *p = data;

  p->callback (source, result, p->data);
  set_running (p->self, -1);
  g_object_unref (p->self);
  g_free (p);
}

static Pending *
pending_new (BsAppContext *self, GAsyncReadyCallback callback, gpointer data)
{
  Pending *p = g_new0 (Pending, 1);

  p->self = g_object_ref (self);
  p->callback = callback;
  p->data = data;
  set_running (self, +1);
  return p;
}

void
bs_app_context_run (BsAppContext *self, const BsCoreCall *call, gpointer input, GObject *note_target,
                    GCancellable *cancellable, GAsyncReadyCallback callback, gpointer data)
{
  bs_core_task_run (self, call, input, note_target, cancellable, call_done, pending_new (self, callback, data));
}

void
bs_app_context_fail (BsAppContext *self, GError *error, GAsyncReadyCallback callback, gpointer data)
{
  bs_core_task_fail (self, error, call_done, pending_new (self, callback, data));
}
