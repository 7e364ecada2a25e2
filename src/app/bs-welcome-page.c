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
on_verify (BsWelcomePage *self)
{
  gtk_widget_activate_action (bs_window_get_page (self->window, "verify"), "verify.browse", NULL);
}

static void
p12_chosen (GListModel *files, gpointer data)
{
  BsWelcomePage *self = data;
  g_autofree char *path = bs_first_path (files);

  if (path != NULL)
    bs_app_context_use_local_certificate (bs_window_get_context (self->window), path);
}

/* Offline signing with a software certificate instead of the account. */
static void
on_local (BsWelcomePage *self)
{
  const char *const suffixes[] = { "p12", "pfx", "P12", "PFX", NULL };

  bs_choose_files (GTK_WINDOW (self->window), _("Certificate file"), GTK_FILE_CHOOSER_ACTION_OPEN,
                   _("PKCS#12 certificate files"), suffixes, FALSE, p12_chosen, self);
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
