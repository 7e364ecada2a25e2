/* bs-login-page.c — see bs-login-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-login-page.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsLoginPage {
  BsPage        parent_instance;

  /* Template widgets */
  GtkLabel     *title;
  GtkLabel     *intro;
  GtkEditable  *username;
  GtkEditable  *password;
  GtkEditable  *signer;
  GtkEditable  *integration_password;
  GtkLabel     *message;
  GtkSpinner   *spinner;

  /* Owned */
  GCancellable *alive;     /* cancelled in dispose: late answers are dropped */
  gboolean      busy;
};

enum { PROP_0, PROP_MESSAGE, PROP_BUSY, PROP_ESIGN, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsLoginPage, bs_login_page, BS_TYPE_PAGE)

static void
update_actions (BsLoginPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "login.submit", !self->busy);
}

static void
set_busy (BsLoginPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
show_message (BsLoginPage *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

static BsAppContext *
context (BsLoginPage *self)
{
  return bs_page_get_context (BS_PAGE (self));
}

static gboolean
is_esign (BsLoginPage *self)
{
  return bs_app_context_get_kind (context (self)) == BS_BSRE_KIND_ESIGN_CLIENT;
}

/* A field about to be hidden gives the focus up first: GTK would not
 * tell it, and its cursor would go on blinking at nobody. */
static void
show_field (BsLoginPage *self, GtkEditable *field, gboolean show)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (!show && focus != NULL && (focus == GTK_WIDGET (field) || gtk_widget_is_ancestor (focus, GTK_WIDGET (field))))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_visible (GTK_WIDGET (field), show);
}

/* The fields the kind of connection in use asks for: an account's user
 * name and password, or the signer of an Esign Client Service (and the
 * integration's password until it was given this run). */
static void
show_kind (BsLoginPage *self)
{
  gboolean esign = is_esign (self);
  gboolean known = bs_app_context_has_integration_password (context (self));
  g_autofree char *integration = bs_app_context_dup_esign_user (context (self));
  g_autofree char *intro = NULL;

  show_field (self, self->username, !esign);
  show_field (self, self->password, !esign);
  show_field (self, self->signer, esign);
  show_field (self, self->integration_password, esign && !known);
  gtk_label_set_text (self->title, esign ? _("Signer") : _("Log in"));
  if (esign)
    intro = g_strdup_printf (_("Your institution's Esign Client Service (%s, integration “%s”) signs for you: enter "
                               "the NIK or the official e-mail of the person who signs."),
                             bs_app_context_get_server (context (self)) ? bs_app_context_get_server (context (self))
                                                                        : _("no address configured"),
                             integration ? integration : _("none configured"));
  gtk_label_set_text (self->intro, intro ? intro : "");
  gtk_widget_set_visible (GTK_WIDGET (self->intro), esign);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_ESIGN]);
}

static void
on_esign_logged_in (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsLoginPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = bs_app_context_esign_login_finish (BS_APP_CONTEXT (source), result, &error);

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      show_message (self, error->message);
      return;
    }
  /* The next person who signs types their own. */
  gtk_editable_set_text (self->signer, "");
}

static void
submit_esign (BsLoginPage *self)
{
  const char *who = gtk_editable_get_text (self->signer);
  const char *password = gtk_editable_get_text (self->integration_password);
  gboolean asked = gtk_widget_get_visible (GTK_WIDGET (self->integration_password));

  if (*who == '\0')
    {
      show_message (self, _("Enter the signer's NIK or official e-mail."));
      return;
    }
  if (asked && *password == '\0')
    {
      show_message (self, _("Enter the integration's password."));
      return;
    }
  show_message (self, NULL);
  set_busy (self, TRUE);
  bs_app_context_esign_login_async (context (self), who, asked ? bs_secret_new (password, strlen (password)) : NULL,
                                    self->alive, on_esign_logged_in, g_object_ref (self));
  /* Kept by the context for this run, not in the widget. */
  gtk_editable_set_text (self->integration_password, "");
}

static void
on_logged_in (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsLoginPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = bs_app_context_login_finish (BS_APP_CONTEXT (source), result, &error);

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  if (!ok)
    {
      /* The fields stay as typed, so the user corrects and retries. */
      show_message (self, error->message);
      return;
    }
  /* The password is not kept once the service accepted it. */
  gtk_editable_set_text (self->password, "");
  bs_page_show (BS_PAGE (self), "otp");
}

static void
submit (GtkWidget *widget, const char *action, GVariant *param)
{
  BsLoginPage *self = BS_LOGIN_PAGE (widget);
  const char *username = gtk_editable_get_text (self->username);
  const char *password = gtk_editable_get_text (self->password);

  if (self->busy)
    return;
  if (is_esign (self))
    {
      submit_esign (self);
      return;
    }
  if (*username == '\0' || *password == '\0')
    {
      show_message (self, _("Enter your username or e-mail and your password."));
      return;
    }
  show_message (self, NULL);
  set_busy (self, TRUE);
  bs_app_context_login_async (context (self), username,
                              bs_secret_new (password, strlen (password)), self->alive, on_logged_in,
                              g_object_ref (self));
}

static void
on_activate (BsLoginPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "login.submit", NULL);
}

static void
bs_login_page_constructed (GObject *object)
{
  BsLoginPage *self = BS_LOGIN_PAGE (object);

  G_OBJECT_CLASS (bs_login_page_parent_class)->constructed (object);
  g_signal_connect_object (context (self), "notify::kind", G_CALLBACK (show_kind), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context (self), "notify::integration-password-known", G_CALLBACK (show_kind), self,
                           G_CONNECT_SWAPPED);
  /* The address and the integration's name in the introduction. */
  g_signal_connect_object (self, "map", G_CALLBACK (show_kind), self, G_CONNECT_SWAPPED);
  show_kind (self);
}

static void
bs_login_page_dispose (GObject *object)
{
  BsLoginPage *self = BS_LOGIN_PAGE (object);

  g_cancellable_cancel (self->alive);
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_LOGIN_PAGE);
  G_OBJECT_CLASS (bs_login_page_parent_class)->dispose (object);
}

static void
bs_login_page_finalize (GObject *object)
{
  g_clear_object (&BS_LOGIN_PAGE (object)->alive);
  G_OBJECT_CLASS (bs_login_page_parent_class)->finalize (object);
}

static void
bs_login_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsLoginPage *self = BS_LOGIN_PAGE (object);

  switch (id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message && gtk_widget_get_visible (GTK_WIDGET (self->message))
                                 ? gtk_label_get_text (self->message) : NULL);
      break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_ESIGN: g_value_set_boolean (value, self->signer && gtk_widget_get_visible (GTK_WIDGET (self->signer))); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_login_page_class_init (BsLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bs_login_page_constructed;
  object_class->dispose = bs_login_page_dispose;
  object_class->finalize = bs_login_page_finalize;
  object_class->get_property = bs_login_page_get_property;
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_ESIGN] = g_param_spec_boolean ("esign", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "login.submit", NULL, submit);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, title);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, intro);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, username);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, password);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, signer);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, integration_password);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, message);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
bs_login_page_init (BsLoginPage *self)
{
  self->alive = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
