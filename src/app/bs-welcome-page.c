/* bs-welcome-page.c — see bs-welcome-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-welcome-page.h"
#include "bs-file-input.h"

#include <glib/gi18n.h>

struct _BsWelcomePage {
  GtkBox    parent_instance;
  BsWindow *window;   /* borrowed: the page lives in it */
};

G_DEFINE_FINAL_TYPE (BsWelcomePage, bs_welcome_page, GTK_TYPE_BOX)

static void
on_login (BsWelcomePage *self)
{
  bs_window_show_page (self->window, bs_app_context_can_sign (bs_window_get_context (self->window)) ? "documents" : "login");
}

static void
verify_chosen (GListModel *files, gpointer data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  if (file != NULL)
    bs_window_verify_file (BS_WINDOW (data), file);
}

static void
on_verify (BsWelcomePage *self)
{
  bs_choose_pdfs (self->window, _("Verify Document"), FALSE, verify_chosen, self->window);
}

static void
on_p12_chosen (GtkNativeDialog *dialog, int response, gpointer data)
{
  BsWelcomePage *self = data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      G_GNUC_END_IGNORE_DEPRECATIONS
      g_autofree char *path = g_file_get_path (file);
      if (path != NULL)
        bs_app_context_use_local_certificate (bs_window_get_context (self->window), path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Offline signing with a software certificate instead of the account. */
static void
on_local (BsWelcomePage *self)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (_("Certificate file"), GTK_WINDOW (self->window),
                                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PKCS#12 certificate files"));
  gtk_file_filter_add_suffix (filter, "p12");
  gtk_file_filter_add_suffix (filter, "pfx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_unref (filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_p12_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
bs_welcome_page_class_init (BsWelcomePageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-welcome-page.ui");
  gtk_widget_class_bind_template_callback (widget_class, on_login);
  gtk_widget_class_bind_template_callback (widget_class, on_verify);
  gtk_widget_class_bind_template_callback (widget_class, on_local);
}

static void
bs_welcome_page_init (BsWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bs_welcome_page_new (BsWindow *window)
{
  BsWelcomePage *self = g_object_new (BS_TYPE_WELCOME_PAGE, NULL);

  self->window = window;
  bs_accept_file_drops (GTK_WIDGET (self), window);
  return GTK_WIDGET (self);
}
