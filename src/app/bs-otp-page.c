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
  GtkBox       parent_instance;
  BsWindow    *window;
  GtkLabel    *title;
  GtkLabel    *hint;
  GtkPicture  *qr;
  GtkLabel    *secret;
  GtkDropDown *devices;
  GtkEntry    *code;
  GtkEntry    *device_name;
  GtkLabel    *message;
  GtkButton   *submit;
  GtkSpinner  *spinner;
  gboolean     setting_up;
};

G_DEFINE_FINAL_TYPE (BsOtpPage, bs_otp_page, GTK_TYPE_BOX)

static BsAppContext *
context (BsOtpPage *self)
{
  return bs_window_get_context (self->window);
}

static void
set_busy (BsOtpPage *self, gboolean busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_message (BsOtpPage *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
}

static void
on_setup (GObject *source, GAsyncResult *result, gpointer data)
{
  BsOtpPage *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(BsBsreOtpSetup) setup = bs_app_context_otp_setup_finish (BS_APP_CONTEXT (source), result, &error);
  g_autoptr(GdkTexture) texture = NULL;

  set_busy (self, FALSE);
  if (setup == NULL)
    show_message (self, error->message);
  else
    {
      texture = bs_qr_code_texture (setup->otpauth_uri, 5);
      gtk_picture_set_paintable (self->qr, GDK_PAINTABLE (texture));
      gtk_widget_set_visible (GTK_WIDGET (self->qr), texture != NULL);
      gtk_label_set_text (self->secret, bs_secret_get (setup->secret));
      gtk_widget_set_visible (GTK_WIDGET (self->secret), TRUE);
    }
  g_object_unref (self);
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
  bs_app_context_otp_setup_async (context (self), NULL, on_setup, g_object_ref (self));
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

void
bs_otp_page_start (BsOtpPage *self)
{
  BsBsreLogin *login = bs_app_context_get_pending_login (context (self));

  show_message (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->code), "");
  if (login == NULL)
    return;
  self->setting_up = login->setup_required;
  if (self->setting_up)
    start_setup (self);
  else
    start_verify (self, login);
  gtk_widget_grab_focus (GTK_WIDGET (self->code));
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  BsOtpPage *self = data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->code), "");
  /* On success the context tells the window, which shows the documents. */
  if (!bs_app_context_otp_finish (BS_APP_CONTEXT (source), result, &error))
    {
      show_message (self, error->message);
      if (g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_SESSION_EXPIRED))
        bs_window_show_page (self->window, "login");
    }
  g_object_unref (self);
}

static void
on_submit (BsOtpPage *self)
{
  BsBsreLogin *login = bs_app_context_get_pending_login (context (self));
  const char *code = gtk_editable_get_text (GTK_EDITABLE (self->code));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->device_name));
  BsBsreDevice *device = NULL;

  if (login == NULL)
    {
      bs_window_show_page (self->window, "login");
      return;
    }
  if (strlen (code) != 6 || (self->setting_up && *name == '\0'))
    {
      show_message (self, self->setting_up ? _("Enter the 6-digit code and a device name.")
                                           : _("Enter the 6-digit code."));
      return;
    }
  if (!self->setting_up && login->devices->len > 0)
    device = g_ptr_array_index (login->devices, MIN (gtk_drop_down_get_selected (self->devices), login->devices->len - 1));
  show_message (self, NULL);
  set_busy (self, TRUE);
  bs_app_context_otp_async (context (self), device ? device->id : NULL, self->setting_up ? name : NULL,
                            bs_secret_new (code, strlen (code)), NULL, on_done, g_object_ref (self));
}

void
bs_otp_page_submit (BsOtpPage *self, const char *code, const char *device_name)
{
  gtk_editable_set_text (GTK_EDITABLE (self->code), code);
  if (device_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->device_name), device_name);
  on_submit (self);
}

const char *
bs_otp_page_get_message (BsOtpPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

static void
bs_otp_page_class_init (BsOtpPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-otp-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, title);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, hint);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, qr);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, secret);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, devices);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, code);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, device_name);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, message);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, submit);
  gtk_widget_class_bind_template_child (widget_class, BsOtpPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);
}

static void
bs_otp_page_init (BsOtpPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->code, "activate", G_CALLBACK (on_submit), self);
}

GtkWidget *
bs_otp_page_new (BsWindow *window)
{
  BsOtpPage *self = g_object_new (BS_TYPE_OTP_PAGE, NULL);

  self->window = window;
  return GTK_WIDGET (self);
}
