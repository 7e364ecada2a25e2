/* bs-certificate-dialog.c — see bs-certificate-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-certificate-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#define MIN_PASSPHRASE 8

struct _BsCertificateDialog {
  GtkWindow     parent_instance;
  BsWindow     *window;
  BsCertAction  action;
  gboolean      busy;
  gboolean      succeeded;
  GtkLabel     *explanation;
  GtkDropDown  *reason;
  GtkEditable  *current;
  GtkEditable  *fresh;
  GtkEditable  *confirm;
  GtkCheckButton *agree;
  GtkLabel     *message;
  GtkButton    *close;
  GtkButton    *submit;
};

G_DEFINE_FINAL_TYPE (BsCertificateDialog, bs_certificate_dialog, GTK_TYPE_WINDOW)

static const char *const reason_names[] = {
  "unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation",
};

static void
show_message (BsCertificateDialog *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error-text");
}

static BsSecret *
take_secret (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  BsSecret *secret = *text ? bs_secret_new (text, strlen (text)) : NULL;

  gtk_editable_set_text (entry, "");
  return secret;
}

/* Checked here, before anything is sent: strength and match. */
static const char *
check_fields (BsCertificateDialog *self)
{
  const char *current = gtk_editable_get_text (self->current);
  const char *fresh = gtk_editable_get_text (self->fresh);

  if (self->action == BS_CERT_REVOKE)
    {
      if (*current == '\0')
        return _("Enter your passphrase.");
      if (!gtk_check_button_get_active (self->agree))
        return _("Confirm that you want to revoke the certificate.");
    }
  if (self->action != BS_CERT_CHANGE_PASSPHRASE)
    return NULL;
  if (*current == '\0')
    return _("Enter your current passphrase.");
  if (g_utf8_strlen (fresh, -1) < MIN_PASSPHRASE)
    return _("The new passphrase needs at least 8 characters.");
  if (g_str_equal (fresh, current))
    return _("The new passphrase must differ from the current one.");
  if (!g_str_equal (fresh, gtk_editable_get_text (self->confirm)))
    return _("The new passphrase and its confirmation differ.");
  return NULL;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  BsCertificateDialog *self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = bs_app_context_certificate_finish (BS_APP_CONTEXT (source), result, &error);

  self->busy = FALSE;
  self->succeeded = answer != NULL;
  show_message (self, answer ? answer : error->message, answer == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit), answer == NULL);
  if (answer != NULL)
    {
      gtk_button_set_label (self->close, _("Close"));
      gtk_widget_set_visible (GTK_WIDGET (self->submit), FALSE);
    }
  g_object_unref (self);
}

static void
on_submit (BsCertificateDialog *self)
{
  const char *problem = check_fields (self);
  BsSecret *first, *second;
  guint reason = gtk_drop_down_get_selected (self->reason);

  if (self->busy)
    return;
  if (problem != NULL)
    {
      show_message (self, problem, TRUE);
      return;
    }
  self->busy = TRUE;
  show_message (self, NULL, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->submit), FALSE);
  first = take_secret (self->current);
  second = take_secret (self->fresh);
  gtk_editable_set_text (self->confirm, "");
  bs_app_context_certificate_async (bs_window_get_context (self->window), self->action, first, second,
                                    reason_names[MIN (reason, G_N_ELEMENTS (reason_names) - 1)], NULL, on_done,
                                    g_object_ref (self));
}

void
bs_certificate_dialog_submit (BsCertificateDialog *self, const char *current, const char *fresh,
                              const char *confirm, guint reason, gboolean agree)
{
  gtk_editable_set_text (self->current, current ? current : "");
  gtk_editable_set_text (self->fresh, fresh ? fresh : "");
  gtk_editable_set_text (self->confirm, confirm ? confirm : "");
  gtk_drop_down_set_selected (self->reason, reason);
  gtk_check_button_set_active (self->agree, agree);
  on_submit (self);
}

const char *
bs_certificate_dialog_get_message (BsCertificateDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

gboolean
bs_certificate_dialog_succeeded (BsCertificateDialog *self)
{
  return self->succeeded;
}

static void
bs_certificate_dialog_class_init (BsCertificateDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-certificate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, current);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, fresh);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, confirm);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, agree);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, close);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, submit);
  gtk_widget_class_bind_template_callback (widget_class, on_submit);
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_window_destroy", G_CALLBACK (gtk_window_destroy));
}

static void
bs_certificate_dialog_init (BsCertificateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
set_mode (BsCertificateDialog *self)
{
  gboolean change = self->action == BS_CERT_CHANGE_PASSPHRASE, revoke = self->action == BS_CERT_REVOKE;
  const char *title, *text, *button;

  switch (self->action)
    {
    case BS_CERT_CHANGE_PASSPHRASE:
      title = _("Change Passphrase");
      text = _("Enter the passphrase in use, then the new passphrase twice (at least 8 characters).");
      button = _("Change");
      break;
    case BS_CERT_RESET_PASSPHRASE:
      title = _("Reset Passphrase");
      text = _("A link to set a new passphrase will be sent to your official e-mail address.");
      button = _("Send");
      break;
    case BS_CERT_REQUEST_ISSUANCE:
      title = _("Issuance");
      text = _("Request a new electronic certificate. The process continues through your official e-mail.");
      button = _("Send");
      break;
    case BS_CERT_REVOKE:
    default:
      title = _("Revocation");
      text = _("Choose the reason, enter your passphrase and confirm. The active certificate will be revoked at once.");
      button = _("Agree");
      break;
    }
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->explanation, text);
  gtk_button_set_label (self->submit, button);
  gtk_widget_set_visible (GTK_WIDGET (self->current), change || revoke);
  gtk_widget_set_visible (GTK_WIDGET (self->fresh), change);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm), change);
  gtk_widget_set_visible (GTK_WIDGET (self->reason), revoke);
  gtk_widget_set_visible (GTK_WIDGET (self->agree), revoke);
  if (revoke)
    gtk_editable_set_text (self->current, "");
}

GtkWidget *
bs_certificate_dialog_new (BsWindow *window, BsCertAction action)
{
  BsCertificateDialog *self = g_object_new (BS_TYPE_CERTIFICATE_DIALOG, "transient-for", window, NULL);

  self->window = window;
  self->action = action;
  set_mode (self);
  return GTK_WIDGET (self);
}
