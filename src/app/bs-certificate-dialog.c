/* bs-certificate-dialog.c — see bs-certificate-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-certificate-dialog.h"

#include <glib/gi18n.h>
#include <string.h>

#define MIN_PASSPHRASE 8

typedef enum {
  STEP_CHANGE,
  STEP_RESET_REQUEST,
  STEP_RESET_CONFIRM,
  STEP_ISSUE_REQUEST,
  STEP_ISSUE_CONFIRM,
  STEP_REVOKE,
  STEP_DONE,
  STEP_UNAVAILABLE,   /* an Esign Client Service: nothing to manage here */
} Step;

static const char *const step_names[] = {
  "change", "reset-request", "reset-confirm", "issue-request", "issue-confirm", "revoke", "done", "unavailable",
};

struct _BsCertificateDialog {
  BsDialog        parent_instance;

  /* Template widgets */
  GtkLabel       *status;
  GtkLabel       *explanation;
  GtkDropDown    *reason;
  GtkEditable    *token;
  GtkEditable    *current;
  GtkEditable    *fresh;
  GtkEditable    *confirm;
  GtkCheckButton *agree;
  GtkLabel       *message;
  GtkSpinner     *spinner;
  GtkButton      *close;
  GtkWidget      *have_token;
  GtkButton      *submit;

  /* Owned */
  GCancellable   *alive;
  BsCertAction    action;
  Step            step;
  gboolean        busy;
};

enum { PROP_0, PROP_ACTION, PROP_STEP, PROP_STATUS, PROP_MESSAGE, PROP_BUSY, PROP_SUCCEEDED, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsCertificateDialog, bs_certificate_dialog, BS_TYPE_DIALOG)

static const char *const reason_names[] = {
  "unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation",
};

static BsAppContext *
context (BsCertificateDialog *self)
{
  return bs_dialog_get_context (BS_DIALOG (self));
}

static void
update_actions (BsCertificateDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cert.submit",
                                 !self->busy && self->step != STEP_DONE && self->step != STEP_UNAVAILABLE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "cert.have-token", !self->busy);
}

static void
set_busy (BsCertificateDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
show_message (BsCertificateDialog *self, const char *text, gboolean error)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error-text");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error-text");
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

static void
show_status (BsCertificateDialog *self)
{
  BsBsreUser *user = bs_app_context_get_user (context (self));
  g_autofree char *text = g_strdup_printf (_("Certificate status: %s"),
                                           bs_certificate_status_describe (user ? user->certificate_status : NULL));

  gtk_label_set_text (self->status, text);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STATUS]);
}

typedef struct {
  const char *title;
  const char *text;
  const char *button;
  const char *agree;    /* the confirmation asked for, or NULL */
  gboolean    current, token, fresh;
} StepLook;

static StepLook
look_of (Step step)
{
  switch (step)
    {
    case STEP_CHANGE:
      return (StepLook) { _("Change Passphrase"),
                          _("Enter the passphrase in use, then the new passphrase twice (at least 8 characters)."),
                          _("Change"), NULL, TRUE, FALSE, TRUE };
    case STEP_RESET_REQUEST:
      return (StepLook) { _("Reset Passphrase"),
                          _("A link to set a new passphrase will be sent to your official e-mail address. "
                            "It is valid for one hour."), _("Send"), NULL, FALSE, FALSE, FALSE };
    case STEP_RESET_CONFIRM:
      return (StepLook) { _("Reset Passphrase"),
                          _("Paste the token (or the whole link) from the e-mail, then choose the new passphrase "
                            "twice (at least 8 characters)."), _("Reset"), NULL, FALSE, TRUE, TRUE };
    case STEP_ISSUE_REQUEST:
      return (StepLook) { _("Issuance"),
                          _("This requests a new electronic certificate. While the request is verified, your "
                            "certificate's status becomes “waiting for verification” and you cannot sign until you "
                            "finish the issuance with the link sent to your official e-mail."),
                          _("Request"), _("I understand that I cannot sign until the new certificate is issued."),
                          FALSE, FALSE, FALSE };
    case STEP_ISSUE_CONFIRM:
      return (StepLook) { _("Issuance"),
                          _("Paste the token (or the whole link) from the e-mail, then choose the passphrase of the "
                            "new certificate twice (at least 8 characters)."), _("Issue"), NULL, FALSE, TRUE, TRUE };
    case STEP_REVOKE:
      return (StepLook) { _("Revocation"),
                          _("Choose the reason, enter your passphrase and confirm. The active certificate will be "
                            "revoked at once."), _("Agree"),
                          _("I understand that a revoked certificate cannot sign any more."), TRUE, FALSE, FALSE };
    case STEP_UNAVAILABLE:
      return (StepLook) { _("Electronic Certificate"),
                          _("Changing or resetting the passphrase, issuance and revocation need a BeSign account. "
                            "You sign through your institution's Esign Client Service, which only signs: manage "
                            "the certificate in BeSign with your own account, or ask the administrator of your "
                            "institution's Esign Client Service."), NULL, NULL, FALSE, FALSE, FALSE };
    case STEP_DONE:
    default:
      return (StepLook) { NULL, NULL, NULL, NULL, FALSE, FALSE, FALSE };
    }
}

static void
clear_fields (BsCertificateDialog *self)
{
  gtk_editable_set_text (self->current, "");
  gtk_editable_set_text (self->fresh, "");
  gtk_editable_set_text (self->confirm, "");
  gtk_editable_set_text (self->token, "");
  gtk_check_button_set_active (self->agree, FALSE);
}

static void
set_step (BsCertificateDialog *self, Step step)
{
  StepLook look = look_of (step);
  gboolean done = step == STEP_DONE || step == STEP_UNAVAILABLE;

  self->step = step;
  if (look.title != NULL)
    gtk_window_set_title (GTK_WINDOW (self), look.title);
  gtk_label_set_text (self->explanation, look.text ? look.text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->explanation), look.text != NULL);
  gtk_button_set_label (self->submit, look.button ? look.button : "");
  gtk_widget_set_visible (GTK_WIDGET (self->submit), !done);
  gtk_button_set_label (self->close, done ? _("Close") : _("Cancel"));
  gtk_widget_set_visible (GTK_WIDGET (self->current), look.current);
  gtk_widget_set_visible (GTK_WIDGET (self->token), look.token);
  gtk_widget_set_visible (GTK_WIDGET (self->fresh), look.fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm), look.fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->reason), step == STEP_REVOKE);
  gtk_widget_set_visible (GTK_WIDGET (self->agree), look.agree != NULL);
  gtk_check_button_set_label (self->agree, look.agree);
  gtk_widget_set_visible (self->have_token, step == STEP_RESET_REQUEST || step == STEP_ISSUE_REQUEST);
  if (look.token)
    gtk_widget_grab_focus (GTK_WIDGET (self->token));
  else if (look.current)
    gtk_widget_grab_focus (GTK_WIDGET (self->current));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_STEP]);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SUCCEEDED]);
}

/* ---- checks before anything is sent --------------------------------------- */

static const char *
check_new_passphrase (BsCertificateDialog *self)
{
  const char *fresh = gtk_editable_get_text (self->fresh);

  if (g_utf8_strlen (fresh, -1) < MIN_PASSPHRASE)
    return _("The new passphrase needs at least 8 characters.");
  if (!g_str_equal (fresh, gtk_editable_get_text (self->confirm)))
    return _("The new passphrase and its confirmation differ.");
  return NULL;
}

static const char *
check_fields (BsCertificateDialog *self)
{
  const char *current = gtk_editable_get_text (self->current);

  switch (self->step)
    {
    case STEP_CHANGE:
      if (*current == '\0')
        return _("Enter your current passphrase.");
      if (g_str_equal (gtk_editable_get_text (self->fresh), current))
        return _("The new passphrase must differ from the current one.");
      return check_new_passphrase (self);
    case STEP_RESET_CONFIRM:
    case STEP_ISSUE_CONFIRM:
      if (*gtk_editable_get_text (self->token) == '\0')
        return _("Paste the token from the e-mail.");
      return check_new_passphrase (self);
    case STEP_ISSUE_REQUEST:
      return gtk_check_button_get_active (self->agree) ? NULL : _("Confirm that you understand what the issuance does.");
    case STEP_REVOKE:
      if (*current == '\0')
        return _("Enter your passphrase.");
      return gtk_check_button_get_active (self->agree) ? NULL : _("Confirm that you want to revoke the certificate.");
    case STEP_RESET_REQUEST:
    case STEP_DONE:
    case STEP_UNAVAILABLE:
    default:
      return NULL;
    }
}

static BsSecret *
take_secret (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  BsSecret *secret = *text ? bs_secret_new (text, strlen (text)) : NULL;

  gtk_editable_set_text (entry, "");
  return secret;
}

/* The token as typed, or taken out of the whole link pasted. */
static BsSecret *
take_token (GtkEditable *entry)
{
  const char *text = gtk_editable_get_text (entry);
  const char *start = strstr (text, "token=");
  char *token = g_strdup (start ? start + strlen ("token=") : text);
  gsize size = strlen (token) + 1;
  char *end;
  BsSecret *secret;

  g_strstrip (token);
  if ((end = strpbrk (token, "&# \t\r\n")) != NULL)
    *end = '\0';
  secret = *token ? bs_secret_new (token, strlen (token)) : NULL;
  bs_wipe_free (token, size);
  gtk_editable_set_text (entry, "");
  return secret;
}

/* ---- talking to the service ------------------------------------------------ */

static Step
step_after (Step step)
{
  switch (step)
    {
    case STEP_RESET_REQUEST: return STEP_RESET_CONFIRM;
    case STEP_ISSUE_REQUEST: return STEP_ISSUE_CONFIRM;
    case STEP_CHANGE:
    case STEP_RESET_CONFIRM:
    case STEP_ISSUE_CONFIRM:
    case STEP_REVOKE:
    case STEP_DONE:
    case STEP_UNAVAILABLE:
    default: return STEP_DONE;
    }
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsCertificateDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = bs_app_context_certificate_finish (BS_APP_CONTEXT (source), result, &error);

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  if (answer == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  set_step (self, step_after (self->step));
  show_message (self, answer, FALSE);
  /* Not the (selectable) answer, which would show all selected. */
  if (self->step == STEP_DONE)
    gtk_widget_grab_focus (GTK_WIDGET (self->close));
}

static BsCertAction
call_of (Step step)
{
  switch (step)
    {
    case STEP_CHANGE: return BS_CERT_CHANGE_PASSPHRASE;
    case STEP_RESET_REQUEST: return BS_CERT_RESET_PASSPHRASE;
    case STEP_RESET_CONFIRM: return BS_CERT_CONFIRM_RESET;
    case STEP_ISSUE_REQUEST: return BS_CERT_REQUEST_ISSUANCE;
    case STEP_ISSUE_CONFIRM: return BS_CERT_CONFIRM_ISSUANCE;
    case STEP_REVOKE:
    case STEP_DONE:
    case STEP_UNAVAILABLE:
    default: return BS_CERT_REVOKE;
    }
}

static void
submit_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsCertificateDialog *self = BS_CERTIFICATE_DIALOG (widget);
  const char *problem = check_fields (self);
  guint reason = gtk_drop_down_get_selected (self->reason);
  gboolean confirming = self->step == STEP_RESET_CONFIRM || self->step == STEP_ISSUE_CONFIRM;
  BsSecret *first, *second;

  if (self->busy || self->step == STEP_DONE || self->step == STEP_UNAVAILABLE)
    return;
  if (problem != NULL)
    {
      show_message (self, problem, TRUE);
      return;
    }
  show_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  first = confirming ? take_token (self->token) : take_secret (self->current);
  second = take_secret (self->fresh);
  gtk_editable_set_text (self->confirm, "");
  bs_app_context_certificate_async (context (self), call_of (self->step), first, second,
                                    reason_names[MIN (reason, G_N_ELEMENTS (reason_names) - 1)], self->alive,
                                    on_done, g_object_ref (self));
}

static void
have_token_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsCertificateDialog *self = BS_CERTIFICATE_DIALOG (widget);

  show_message (self, NULL, FALSE);
  set_step (self, self->step == STEP_ISSUE_REQUEST ? STEP_ISSUE_CONFIRM : STEP_RESET_CONFIRM);
}

static void
on_activate (BsCertificateDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "cert.submit", NULL);
}

static void
on_status (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsCertificateDialog) self = data;
  gboolean known = bs_app_context_refresh_status_finish (BS_APP_CONTEXT (source), result, NULL);
  BsBsreUser *user = bs_app_context_get_user (BS_APP_CONTEXT (source));

  if (g_cancellable_is_cancelled (self->alive) || !known || user == NULL)
    return;
  /* An issuance already requested continues with its e-mailed token. */
  if (self->step == STEP_ISSUE_REQUEST && g_strcmp0 (user->certificate_status, "WAITING_FOR_VERIFICATION") == 0)
    set_step (self, STEP_ISSUE_CONFIRM);
}

/* ---- object ---------------------------------------------------------------- */

static Step
first_step (BsCertAction action)
{
  switch (action)
    {
    case BS_CERT_CHANGE_PASSPHRASE: return STEP_CHANGE;
    case BS_CERT_RESET_PASSPHRASE:
    case BS_CERT_CONFIRM_RESET: return STEP_RESET_REQUEST;
    case BS_CERT_REQUEST_ISSUANCE:
    case BS_CERT_CONFIRM_ISSUANCE: return STEP_ISSUE_REQUEST;
    case BS_CERT_REVOKE:
    default: return STEP_REVOKE;
    }
}

static void
bs_certificate_dialog_constructed (GObject *object)
{
  BsCertificateDialog *self = BS_CERTIFICATE_DIALOG (object);

  G_OBJECT_CLASS (bs_certificate_dialog_parent_class)->constructed (object);
  clear_fields (self);
  set_step (self, bs_app_context_get_kind (context (self)) == BS_BSRE_KIND_ESIGN_CLIENT ? STEP_UNAVAILABLE
                                                                                      : first_step (self->action));
  show_status (self);
  g_signal_connect_object (context (self), "notify::user", G_CALLBACK (show_status), self, G_CONNECT_SWAPPED);
  bs_app_context_refresh_status_async (context (self), self->alive, on_status, g_object_ref (self));
}

static void
bs_certificate_dialog_dispose (GObject *object)
{
  BsCertificateDialog *self = BS_CERTIFICATE_DIALOG (object);

  g_cancellable_cancel (self->alive);
  bs_dialog_dispose_template (BS_DIALOG (self), BS_TYPE_CERTIFICATE_DIALOG);
  G_OBJECT_CLASS (bs_certificate_dialog_parent_class)->dispose (object);
}

static void
bs_certificate_dialog_finalize (GObject *object)
{
  g_clear_object (&BS_CERTIFICATE_DIALOG (object)->alive);
  G_OBJECT_CLASS (bs_certificate_dialog_parent_class)->finalize (object);
}

static void
bs_certificate_dialog_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsCertificateDialog *self = BS_CERTIFICATE_DIALOG (object);

  switch (id)
    {
    case PROP_ACTION: g_value_set_int (value, self->action); break;
    case PROP_STEP: g_value_set_string (value, step_names[self->step]); break;
    case PROP_STATUS: g_value_set_string (value, self->status ? gtk_label_get_text (self->status) : NULL); break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message && gtk_widget_get_visible (GTK_WIDGET (self->message))
                                 ? gtk_label_get_text (self->message) : NULL);
      break;
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_SUCCEEDED: g_value_set_boolean (value, self->step == STEP_DONE); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_certificate_dialog_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  if (id == PROP_ACTION)
    BS_CERTIFICATE_DIALOG (object)->action = (BsCertAction) g_value_get_int (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
}

static void
bind_children (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, status);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, explanation);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, reason);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, token);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, current);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, fresh);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, confirm);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, agree);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, close);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, have_token);
  gtk_widget_class_bind_template_child (widget_class, BsCertificateDialog, submit);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
bs_certificate_dialog_class_init (BsCertificateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bs_certificate_dialog_constructed;
  object_class->dispose = bs_certificate_dialog_dispose;
  object_class->finalize = bs_certificate_dialog_finalize;
  object_class->get_property = bs_certificate_dialog_get_property;
  object_class->set_property = bs_certificate_dialog_set_property;
  props[PROP_ACTION] = g_param_spec_int ("action", NULL, NULL, BS_CERT_CHANGE_PASSPHRASE, BS_CERT_CONFIRM_ISSUANCE,
                                         BS_CERT_CHANGE_PASSPHRASE,
                                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  props[PROP_STEP] = g_param_spec_string ("step", NULL, NULL, NULL, flags);
  props[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_SUCCEEDED] = g_param_spec_boolean ("succeeded", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "cert.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "cert.have-token", NULL, have_token_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-certificate-dialog.ui");
  bind_children (widget_class);
}

static void
bs_certificate_dialog_init (BsCertificateDialog *self)
{
  self->alive = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
