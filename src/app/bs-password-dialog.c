/* bs-password-dialog.c — see bs-password-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-password-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsPasswordDialog {
  BsDialog     parent_instance;

  /* Template widgets */
  GtkLabel    *prompt;
  GtkEditable *password;
  GtkLabel    *message;
  GtkSpinner  *spinner;
  GtkWidget   *cancel;

  /* Owned */
  gboolean     busy;
};

enum { PROP_0, PROP_BUSY, PROP_MESSAGE, N_PROPS };
static GParamSpec *props[N_PROPS];

enum { SIGNAL_SUBMITTED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (BsPasswordDialog, bs_password_dialog, BS_TYPE_DIALOG)

static void
show_message (BsPasswordDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

void
bs_password_dialog_set_busy (BsPasswordDialog *self, gboolean busy)
{
  GtkWidget *focus;

  g_return_if_fail (BS_IS_PASSWORD_DIALOG (self));

  self->busy = busy;
  /* The field gives the focus up before it goes insensitive: GTK would
   * not tell it, and its cursor would go on blinking at nobody. */
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (busy && focus != NULL && (focus == GTK_WIDGET (self->password)
                                || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->password))))
    gtk_widget_grab_focus (self->cancel);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.submit", !busy);
  if (!busy)
    gtk_widget_grab_focus (GTK_WIDGET (self->password));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

void
bs_password_dialog_set_wrong (BsPasswordDialog *self)
{
  g_return_if_fail (BS_IS_PASSWORD_DIALOG (self));

  bs_password_dialog_set_busy (self, FALSE);
  show_message (self, _("The password is wrong: the document did not open. Type it again."));
}

BsSecret *
bs_password_dialog_take_password (BsPasswordDialog *self)
{
  const char *text;
  BsSecret *secret;

  g_return_val_if_fail (BS_IS_PASSWORD_DIALOG (self), NULL);

  text = gtk_editable_get_text (self->password);
  secret = bs_secret_new (text, strlen (text));
  gtk_editable_set_text (self->password, "");
  return secret;
}

static void
submit_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsPasswordDialog *self = BS_PASSWORD_DIALOG (widget);

  /* An empty password is a real one (an owner-only protection has it),
   * but a file that asked for one was not opened by it. */
  if (self->busy || *gtk_editable_get_text (self->password) == '\0')
    {
      if (!self->busy)
        show_message (self, _("Type the password of the document."));
      return;
    }
  show_message (self, NULL);
  bs_password_dialog_set_busy (self, TRUE);
  g_signal_emit (self, signals[SIGNAL_SUBMITTED], 0);
}

static void
on_activate (BsPasswordDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "password.submit", NULL);
}

static void
bs_password_dialog_dispose (GObject *object)
{
  BsPasswordDialog *self = BS_PASSWORD_DIALOG (object);

  /* Nothing typed outlives the dialog. */
  if (self->password != NULL)
    gtk_editable_set_text (self->password, "");
  bs_dialog_dispose_template (BS_DIALOG (self), BS_TYPE_PASSWORD_DIALOG);
  G_OBJECT_CLASS (bs_password_dialog_parent_class)->dispose (object);
}

static void
bs_password_dialog_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsPasswordDialog *self = BS_PASSWORD_DIALOG (object);

  switch (id)
    {
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message && gtk_widget_get_visible (GTK_WIDGET (self->message))
                                 ? gtk_label_get_text (self->message) : NULL);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_password_dialog_class_init (BsPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bs_password_dialog_dispose;
  object_class->get_property = bs_password_dialog_get_property;
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  signals[SIGNAL_SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                            NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "password.submit", NULL, submit_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsPasswordDialog, prompt);
  gtk_widget_class_bind_template_child (widget_class, BsPasswordDialog, password);
  gtk_widget_class_bind_template_child (widget_class, BsPasswordDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BsPasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BsPasswordDialog, cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
bs_password_dialog_init (BsPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bs_password_dialog_new (BsAppContext *context, const char *document_name)
{
  BsPasswordDialog *self = g_object_new (BS_TYPE_PASSWORD_DIALOG, "context", context, NULL);
  g_autofree char *text = g_strdup_printf (_("“%s” is protected by a password. Type it to open the document; it "
                                             "is not kept once the document is closed."), document_name);

  gtk_label_set_text (self->prompt, text);
  gtk_widget_grab_focus (GTK_WIDGET (self->password));
  return GTK_WIDGET (self);
}
