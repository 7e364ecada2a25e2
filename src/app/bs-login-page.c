/* bs-login-page.c — see bs-login-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-login-page.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsLoginPage {
  GtkBox        parent_instance;
  BsWindow     *window;
  GtkEntry     *username;
  GtkEditable  *password;
  GtkLabel     *message;
  GtkWidget    *submit;
  GtkSpinner   *spinner;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (BsLoginPage, bs_login_page, GTK_TYPE_BOX)

static void
set_busy (BsLoginPage *self, gboolean busy)
{
  gtk_widget_set_sensitive (self->submit, !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
show_message (BsLoginPage *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
}

static void
on_logged_in (GObject *source, GAsyncResult *result, gpointer data)
{
  BsLoginPage *self = data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!bs_app_context_login_finish (BS_APP_CONTEXT (source), result, &error))
    {
      /* The fields stay as typed, so the user corrects and retries. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      g_object_unref (self);
      return;
    }
  /* The password is not kept once the service accepted it. */
  gtk_editable_set_text (self->password, "");
  bs_window_show_page (self->window, "otp");
  g_object_unref (self);
}

static void
on_submit (BsLoginPage *self)
{
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username));
  const char *password = gtk_editable_get_text (self->password);

  if (*username == '\0' || *password == '\0')
    {
      show_message (self, _("Enter your username or e-mail and your password."));
      return;
    }
  show_message (self, NULL);
  set_busy (self, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  bs_app_context_login_async (bs_window_get_context (self->window), username,
                              bs_secret_new (password, strlen (password)), self->cancellable,
                              on_logged_in, g_object_ref (self));
}

void
bs_login_page_submit (BsLoginPage *self, const char *username, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (self->username), username);
  gtk_editable_set_text (self->password, password);
  on_submit (self);
}

const char *
bs_login_page_get_message (BsLoginPage *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

static void
bs_login_page_dispose (GObject *object)
{
  BsLoginPage *self = BS_LOGIN_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (bs_login_page_parent_class)->dispose (object);
}

static void
bs_login_page_class_init (BsLoginPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bs_login_page_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, username);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, password);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, message);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, submit);
  gtk_widget_class_bind_template_child (widget_class, BsLoginPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);
}

static void
bs_login_page_init (BsLoginPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->username, "activate", G_CALLBACK (on_submit), self);
  g_signal_connect_swapped (self->password, "activate", G_CALLBACK (on_submit), self);
}

GtkWidget *
bs_login_page_new (BsWindow *window)
{
  BsLoginPage *self = g_object_new (BS_TYPE_LOGIN_PAGE, NULL);

  self->window = window;
  return GTK_WIDGET (self);
}
