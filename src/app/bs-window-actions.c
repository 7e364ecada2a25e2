/* bs-window-actions.c — the window's actions (see bs-window.h): pages,
 * files coming in, dialogs, logout.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-window-private.h"
#include "bs-certificate-dialog.h"
#include "bs-file-input.h"
#include "bs-settings-dialog.h"

#include <glib/gi18n.h>

void
bs_window_update_actions (BsWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean user = bs_app_context_get_user (self->context) != NULL;
  gboolean account = bs_app_context_get_kind (self->context) == BS_BSRE_KIND_ACCOUNT;

  /* Managing the certificate is a BeSign account's: with an Esign Client
   * Service the items stay greyed, and one more says why. */
  gtk_widget_action_set_enabled (widget, "win.certificate", user && account);
  gtk_widget_action_set_enabled (widget, "win.certificate-unavailable", user && !account);
  gtk_widget_action_set_enabled (widget, "win.logout", bs_app_context_can_sign (self->context));
}

static void
show_page (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_window_show_page (BS_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
verify_uri (BsWindow *self, const char *uri)
{
  bs_window_show_page (self, "verify");
  gtk_widget_activate_action (bs_window_page (self, "verify"), "verify.open", "s", uri);
}

static void
verify_file (GtkWidget *widget, const char *action, GVariant *param)
{
  verify_uri (BS_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Files from the desktop or a drop: signed when someone can sign, else
 * the first one verified (verification is one document at a time). */
static void
open_files (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);
  g_autofree const char **uris = g_variant_get_strv (param, NULL);

  if (uris[0] == NULL)
    return;
  if (!bs_app_context_can_sign (self->context))
    {
      verify_uri (self, uris[0]);
      return;
    }
  bs_window_show_page (self, "documents");
  gtk_widget_activate_action_variant (bs_window_page (self, "documents"), "documents.add", param);
}

/* Ctrl+O: documents to sign when someone can sign, else one to verify. */
static void
open_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);

  if (bs_app_context_can_sign (self->context))
    {
      bs_window_show_page (self, "documents");
      gtk_widget_activate_action (bs_window_page (self, "documents"), "documents.browse", NULL);
    }
  else
    gtk_widget_activate_action (bs_window_page (self, "verify"), "verify.browse", NULL);
}

static void
browse_verify (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_widget_activate_action (bs_window_page (BS_WINDOW (widget), "verify"), "verify.browse", NULL);
}

static void
p12_chosen (GtkWidget *widget, GListModel *files)
{
  g_autofree char *path = bs_first_path (files);

  if (path != NULL)
    bs_app_context_use_local_certificate (BS_WINDOW (widget)->context, path);
}

/* Offline signing with a software certificate instead of the account. */
static void
use_certificate_file (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *const suffixes[] = { "p12", "pfx", "P12", "PFX", NULL };

  bs_choose_files (widget, _("Certificate file"), GTK_FILE_CHOOSER_ACTION_OPEN, _("PKCS#12 certificate files"),
                   suffixes, FALSE, p12_chosen);
}

static void
present (BsWindow *self, GType type, const char *first_property, ...)
{
  GtkWindow *dialog;
  va_list args;

  va_start (args, first_property);
  dialog = GTK_WINDOW (g_object_new_valist (type, first_property, args));
  va_end (args);
  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_present (dialog);
}

static void
settings (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);

  present (self, BS_TYPE_SETTINGS_DIALOG, "context", self->context, NULL);
}

static void
certificate (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);
  BsCertAction what = (BsCertAction) CLAMP (g_variant_get_int32 (param), BS_CERT_CHANGE_PASSPHRASE, BS_CERT_REVOKE);

  present (self, BS_TYPE_CERTIFICATE_DIALOG, "context", self->context, "action", what, NULL);
}

/* Why certificate management is not offered with an Esign Client Service,
 * and where the signer's certificate stands. */
static void
certificate_unavailable (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);

  present (self, BS_TYPE_CERTIFICATE_DIALOG, "context", self->context, NULL);
}

static void
about (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *authors[] = { "BeSign Desktop developers", NULL };
  GtkWidget *dialog = g_object_new (GTK_TYPE_ABOUT_DIALOG, "transient-for", widget, "modal", TRUE,
                                    "destroy-with-parent", TRUE, "program-name", "BeSign",
                                    "version", BESIGN_VERSION,
                                    "comments", _("Sign PDF documents with a BSrE certificate and verify signed documents"),
                                    "license-type", GTK_LICENSE_GPL_3_0, "logo-icon-name", BS_APPLICATION_ID,
                                    "authors", authors, NULL);
  GtkEventController *keys = gtk_shortcut_controller_new ();

  /* GTK 4.8's About dialog does not close on Escape by itself. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("window.close")));
  gtk_widget_add_controller (dialog, keys);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
logout (GtkWidget *widget, const char *action, GVariant *param)
{
  BsWindow *self = BS_WINDOW (widget);

  bs_app_context_logout (self->context);
  bs_window_show_page (self, "welcome");
}

void
bs_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page);
  gtk_widget_class_install_action (widget_class, "win.open-files", "as", open_files);
  gtk_widget_class_install_action (widget_class, "win.verify-file", "s", verify_file);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.browse-verify", NULL, browse_verify);
  gtk_widget_class_install_action (widget_class, "win.use-certificate-file", NULL, use_certificate_file);
  gtk_widget_class_install_action (widget_class, "win.settings", NULL, settings);
  gtk_widget_class_install_action (widget_class, "win.certificate", "i", certificate);
  gtk_widget_class_install_action (widget_class, "win.certificate-unavailable", NULL, certificate_unavailable);
  gtk_widget_class_install_action (widget_class, "win.logout", NULL, logout);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about);
}
