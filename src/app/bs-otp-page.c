/* bs-otp-page.c — see bs-otp-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-otp-page.h"
#include "bs-qr-code.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsOtpPage {
  BsPage        parent_instance;

  /* Template widgets */
  GtkLabel     *hint;
  GtkPicture   *qr;
  GtkLabel     *secret;
  GtkDropDown  *devices;
  GtkEditable  *code;
  GtkEditable  *device_name;
  GtkLabel     *message;
  GtkButton    *submit;
  GtkSpinner   *spinner;

  /* Owned */
  GCancellable *alive;
  gboolean      setting_up;
  gboolean      busy;
  /* Borrowed: the login the page was prepared for */
  BsBsreLogin  *prepared_for;
};

enum { PROP_0, PROP_MESSAGE, PROP_BUSY, PROP_SETTING_UP, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsOtpPage, bs_otp_page, BS_TYPE_PAGE)

static BsAppContext *
context (BsOtpPage *self)
{
  return bs_page_get_context (BS_PAGE (self));
}

static void
update_actions (BsOtpPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "otp.submit", !self->busy);
}

static void
set_busy (BsOtpPage *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
show_message (BsOtpPage *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

static void
on_setup (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsOtpPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreOtpSetup) setup = bs_app_context_otp_setup_finish (BS_APP_CONTEXT (source), result, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  if (setup == NULL)
    {
      show_message (self, error->message);
      return;
    }
  texture = bs_qr_code_texture (setup->otpauth_uri, 5);
  gtk_picture_set_paintable (self->qr, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->qr), texture != NULL);
  gtk_label_set_text (self->secret, bs_secret_get (setup->secret));
  gtk_widget_set_visible (GTK_WIDGET (self->secret), TRUE);
}

static void
start_setup (BsOtpPage *self)
{
  gtk_label_set_text (self->hint, _("Scan the QR code with the authenticator app on your phone, "
                                    "then enter the code it shows and a name for the device."));
  gtk_button_set_label (self->submit, _("Send"));
  gtk_widget_set_visible (GTK_WIDGET (self->device_name), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->devices), FALSE);
  set_busy (self, TRUE);
  bs_app_context_otp_setup_async (context (self), self->alive, on_setup, g_object_ref (self));
}

static void
start_verify (BsOtpPage *self, BsBsreLogin *login)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; i < login->devices->len; i++)
    gtk_string_list_append (names, ((BsBsreDevice *) g_ptr_array_index (login->devices, i))->name);
  gtk_drop_down_set_model (self->devices, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->devices), login->devices->len > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->device_name), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->qr), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->secret), FALSE);
  gtk_label_set_text (self->hint, _("Open your authenticator app and enter the code it shows."));
  gtk_button_set_label (self->submit, _("Log in"));
}

/* Shown for a login just accepted: set up, or ask for the code. Shown
 * again for the same login (the window restored), nothing restarts. */
static void
on_map (BsOtpPage *self)
{
  BsBsreLogin *login = bs_app_context_get_pending_login (context (self));

  if (login == NULL || login == self->prepared_for)
    return;
  self->prepared_for = login;
  show_message (self, NULL);
  gtk_editable_set_text (self->code, "");
  gtk_editable_set_text (self->device_name, "");
  self->setting_up = login->setup_required;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SETTING_UP]);
  if (self->setting_up)
    start_setup (self);
  else
    start_verify (self, login);
  gtk_widget_grab_focus (GTK_WIDGET (self->code));
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsOtpPage) self = data;
  g_autoptr(GError) error = NULL;
  /* On success the context tells the window, which shows the documents. */
  gboolean ok = bs_app_context_otp_finish (BS_APP_CONTEXT (source), result, &error);

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (self->code, "");
  if (ok)
    {
      self->prepared_for = NULL;
      return;
    }
  show_message (self, error->message);
  if (g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED))
    bs_page_show (BS_PAGE (self), "login");
}

static BsBsreDevice *
chosen_device (BsOtpPage *self, BsBsreLogin *login)
{
  guint index = gtk_drop_down_get_selected (self->devices);

  if (self->setting_up || login->devices->len == 0)
    return NULL;
  return g_ptr_array_index (login->devices, MIN (index, login->devices->len - 1));
}

static void
submit (GtkWidget *widget, const char *action, GVariant *param)
{
  BsOtpPage *self = BS_OTP_PAGE (widget);
  BsBsreLogin *login = bs_app_context_get_pending_login (context (self));
  const char *code = gtk_editable_get_text (self->code);
  const char *name = gtk_editable_get_text (self->device_name);
  BsBsreDevice *device;

  if (login == NULL)
    {
      bs_page_show (BS_PAGE (self), "login");
      return;
    }
  if (strlen (code) != 6 || (self->setting_up && *name == '\0'))
    {
      show_message (self, self->setting_up ? _("Enter the 6-digit code and a device name.")
                                           : _("Enter the 6-digit code."));
      return;
    }
  device = chosen_device (self, login);
  show_message (self, NULL);
  set_busy (self, TRUE);
  bs_app_context_otp_async (context (self), device ? device->id : NULL, self->setting_up ? name : NULL,
                            bs_secret_new (code, strlen (code)), self->alive, on_done, g_object_ref (self));
}

static void
on_activate (BsOtpPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "otp.submit", NULL);
}

static void
bs_otp_page_dispose (GObject *object)
{
  BsOtpPage *self = BS_OTP_PAGE (object);

  g_cancellable_cancel (self->alive);
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_OTP_PAGE);
  G_OBJECT_CLASS (bs_otp_page_parent_class)->dispose (object);
}

static void
bs_otp_page_finalize (GObject *object)
{
  g_clear_object (&BS_OTP_PAGE (object)->alive);
  G_OBJECT_CLASS (bs_otp_page_parent_class)->finalize (object);
}

static void
bs_otp_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsOtpPage *self = BS_OTP_PAGE (object);

  switch (id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message && gtk_widget_get_visible (GTK_WIDGET (self->message))
                                 ? gtk_label_get_text (self->message) : NULL);
      break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_SETTING_UP: g_value_set_boolean (value, self->setting_up); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_otp_page_class_init (BsOtpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bs_otp_page_dispose;
  object_class->finalize = bs_otp_page_finalize;
  object_class->get_property = bs_otp_page_get_property;
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_SETTING_UP] = g_param_spec_boolean ("setting-up", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "otp.submit", NULL, submit);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-otp-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, hint);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, qr);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, secret);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, devices);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, code);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, device_name);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, message);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, submit);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_map);
}

static void
bs_otp_page_init (BsOtpPage *self)
{
  self->alive = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
