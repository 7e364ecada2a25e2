/* bs-window.c — see bs-window.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-window.h"
#include "bs-certificate-dialog.h"
#include "bs-documents-page.h"
#include "bs-login-page.h"
#include "bs-otp-page.h"
#include "bs-settings-dialog.h"
#include "bs-verify-page.h"
#include "bs-welcome-page.h"

#include <glib/gi18n.h>

struct _BsWindow {
  GtkApplicationWindow parent_instance;

  BsAppContext *context;
  GtkWidget    *back_button;
  GtkWidget    *settings_button;
  GtkWidget    *user_button;
  GtkStack     *pages;
};

G_DEFINE_FINAL_TYPE (BsWindow, bs_window, GTK_TYPE_APPLICATION_WINDOW)

GtkWidget *
bs_window_get_page (BsWindow *self, const char *name)
{
  return gtk_stack_get_child_by_name (self->pages, name);
}

void
bs_window_show_page (BsWindow *self, const char *name)
{
  gboolean logged_in = bs_app_context_can_sign (self->context);

  gtk_stack_set_visible_child_name (self->pages, name);
  /* Without a login, every page but the welcome leads back to it. */
  gtk_widget_set_visible (self->back_button, !logged_in && !g_str_equal (name, "welcome"));
  if (g_str_equal (name, "otp"))
    bs_otp_page_start (BS_OTP_PAGE (bs_window_get_page (self, "otp")));
}

BsAppContext *
bs_window_get_context (BsWindow *self)
{
  return self->context;
}

static void
on_back (BsWindow *self)
{
  bs_window_show_page (self, "welcome");
}

static void
on_user_changed (BsWindow *self)
{
  BsBsreUser *user = bs_app_context_get_user (self->context);
  const char *p12 = bs_app_context_get_local_certificate (self->context);

  gtk_widget_set_visible (self->user_button, bs_app_context_can_sign (self->context));
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "certificate")),
                               user != NULL);
  if (bs_app_context_can_sign (self->context))
    {
      g_autofree char *name = user ? g_strdup (user->name) : g_path_get_basename (p12);
      gtk_menu_button_set_label (GTK_MENU_BUTTON (self->user_button), name);
      bs_window_show_page (self, "documents");
    }
  else if (!g_str_equal (gtk_stack_get_visible_child_name (self->pages), "welcome"))
    bs_window_show_page (self, "login");
}

void
bs_window_verify_file (BsWindow *self, GFile *file)
{
  bs_window_show_page (self, "verify");
  bs_verify_page_open (BS_VERIFY_PAGE (bs_window_get_page (self, "verify")), file);
}

void
bs_window_open_files (BsWindow *self, GFile **files, int n_files)
{
  if (n_files <= 0)
    return;
  if (!bs_app_context_can_sign (self->context))
    {
      bs_window_verify_file (self, files[0]);
      return;
    }
  bs_window_show_page (self, "documents");
  for (int i = 0; i < n_files; i++)
    bs_documents_page_add_file (BS_DOCUMENTS_PAGE (bs_window_get_page (self, "documents")), files[i]);
}

static void
show_named (GSimpleAction *action, GVariant *param, gpointer data)
{
  const char *name = g_action_get_name (G_ACTION (action)) + strlen ("show-");

  bs_window_show_page (BS_WINDOW (data), name);
}

static void
certificate (GSimpleAction *action, GVariant *param, gpointer data)
{
  BsCertAction what = (BsCertAction) CLAMP (g_variant_get_int32 (param), BS_CERT_CHANGE_PASSPHRASE, BS_CERT_REVOKE);

  gtk_window_present (GTK_WINDOW (bs_certificate_dialog_new (BS_WINDOW (data), what)));
}

/* Ctrl+O: documents to sign when logged in, else a document to verify. */
static void
open_files (GSimpleAction *action, GVariant *param, gpointer data)
{
  BsWindow *self = data;

  if (bs_app_context_can_sign (self->context))
    {
      bs_window_show_page (self, "documents");
      gtk_widget_activate_action (bs_window_get_page (self, "documents"), "documents.browse", NULL);
    }
  else
    gtk_widget_activate_action (bs_window_get_page (self, "verify"), "verify.browse", NULL);
}

static void
about (GSimpleAction *action, GVariant *param, gpointer data)
{
  const char *authors[] = { "BeSign Desktop developers", NULL };

  gtk_show_about_dialog (GTK_WINDOW (data), "program-name", "BeSign", "version", BESIGN_VERSION,
                         "comments", _("Sign PDF documents with a BSrE certificate and verify signed documents"),
                         "license-type", GTK_LICENSE_GPL_3_0, "logo-icon-name", "id.besign.Desktop",
                         "authors", authors, NULL);
}

static void
logout (GSimpleAction *action, GVariant *param, gpointer data)
{
  BsWindow *self = data;

  bs_app_context_logout (self->context);
  bs_window_show_page (self, "welcome");
}

static void
on_settings (BsWindow *self)
{
  gtk_window_present (GTK_WINDOW (bs_settings_dialog_new (self)));
}

static void
add_page (BsWindow *self, GtkWidget *page, const char *name)
{
  gtk_stack_add_named (self->pages, page, name);
}

static void
bs_window_class_init (BsWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, BsWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, settings_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, user_button);
  gtk_widget_class_bind_template_child (widget_class, BsWindow, pages);
  gtk_widget_class_bind_template_callback (widget_class, on_back);
  gtk_widget_class_bind_template_callback (widget_class, on_settings);
}

static void
bs_window_init (BsWindow *self)
{
  const GActionEntry actions[] = {
    { "show-verify", show_named, NULL, NULL, NULL, { 0 } },
    { "show-documents", show_named, NULL, NULL, NULL, { 0 } },
    { "show-login", show_named, NULL, NULL, NULL, { 0 } },
    { "logout", logout, NULL, NULL, NULL, { 0 } },
    { "certificate", certificate, "i", NULL, NULL, { 0 } },
    { "open", open_files, NULL, NULL, NULL, { 0 } },
    { "about", about, NULL, NULL, NULL, { 0 } },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_action_map_add_action_entries (G_ACTION_MAP (self), actions, G_N_ELEMENTS (actions), self);
}

BsWindow *
bs_window_new (BsApplication *app)
{
  BsWindow *self = g_object_new (BS_TYPE_WINDOW, "application", app, NULL);

  self->context = g_object_ref (bs_application_get_context (app));
  add_page (self, bs_welcome_page_new (self), "welcome");
  add_page (self, bs_login_page_new (self), "login");
  add_page (self, bs_otp_page_new (self), "otp");
  add_page (self, bs_documents_page_new (self), "documents");
  add_page (self, bs_verify_page_new (self), "verify");
  g_signal_connect_object (self->context, "notify::user", G_CALLBACK (on_user_changed), self, G_CONNECT_SWAPPED);
  bs_window_show_page (self, "welcome");
  return self;
}
