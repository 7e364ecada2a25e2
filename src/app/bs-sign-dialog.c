/* bs-sign-dialog.c — see bs-sign-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-sign-dialog.h"
#include "bs-result-row.h"
#include "bs-sign-outcome.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsSignDialog {
  BsDialog        parent_instance;

  /* Template widgets */
  GtkLabel       *prompt;
  GtkLabel       *note;
  GtkEditable    *secret;
  GtkLabel       *message;
  GtkProgressBar *progress;
  GtkLabel       *summary;
  GtkWidget      *results_scroller;
  GtkListBox     *results;
  GtkButton      *cancel;
  GtkWidget      *retry;
  GtkWidget      *sign;

  /* Owned */
  GPtrArray      *documents;   /* BsAppDocument this round signs */
  GCancellable   *alive;       /* cancelled in dispose */
  GCancellable   *batch;       /* the running batch's, cancelled by "Cancel" */
  gboolean        otp;
  gboolean        busy;
  gboolean        done;
  gboolean        close_when_stopped;
};

enum { PROP_0, PROP_BUSY, PROP_DONE, PROP_SUMMARY, PROP_MESSAGE, PROP_N_DOCUMENTS, PROP_NOTE, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsSignDialog, bs_sign_dialog, BS_TYPE_DIALOG)

static BsAppContext *
context (BsSignDialog *self)
{
  return bs_dialog_get_context (BS_DIALOG (self));
}

static void
update_actions (BsSignDialog *self)
{
  guint n_signed = 0, n_failed = 0;

  if (self->documents != NULL)
    bs_sign_count (self->documents, &n_signed, &n_failed);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.start", !self->busy && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign.retry-failed", !self->busy && self->done && n_failed > 0);
  gtk_widget_set_visible (self->retry, self->done && n_failed > 0);
  gtk_widget_set_visible (self->sign, !self->done);
}

static void
set_busy (BsSignDialog *self, gboolean busy)
{
  self->busy = busy;
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void
set_done (BsSignDialog *self, gboolean done)
{
  self->done = done;
  gtk_button_set_label (self->cancel, done ? _("Close") : _("Cancel"));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DONE]);
}

static void
show_message (BsSignDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

/* The field is asked for again (or not at all while signing). It loses
 * the focus before it goes insensitive: GTK would not tell it, and its
 * cursor would go on blinking at nobody ("did not receive a focus-out"). */
static void
ask_secret (BsSignDialog *self, gboolean ask)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!ask && focus != NULL && (focus == GTK_WIDGET (self->secret)
                                || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->secret))))
    gtk_widget_grab_focus (GTK_WIDGET (self->cancel));
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret), ask);
  if (ask)
    gtk_widget_grab_focus (GTK_WIDGET (self->secret));
}

static void
show_prompt (BsSignDialog *self)
{
  const char *p12 = bs_app_context_get_local_certificate (context (self));
  guint n = self->documents->len;
  g_autofree char *text = NULL;
  g_autofree char *name = p12 ? g_path_get_basename (p12) : NULL;

  if (p12 != NULL)
    text = g_strdup_printf (_("Enter the password of the certificate file %s to sign %u document(s)."), name, n);
  else if (self->otp)
    text = g_strdup_printf (_("A code was sent to your official e-mail to sign %u document(s). Enter it:"), n);
  else
    text = g_strdup_printf (_("Enter your certificate's passphrase to sign %u document(s)."), n);
  gtk_label_set_text (self->prompt, text);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->secret), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_DOCUMENTS]);
}

/* An Esign Client Service signs the documents themselves: the person
 * should know that they leave the computer before authorising it. */
static void
show_note (BsSignDialog *self)
{
  gboolean server_side = bs_app_context_get_local_certificate (context (self)) == NULL
                         && bs_app_context_get_kind (context (self)) == BS_BSRE_KIND_ESIGN_CLIENT;
  g_autofree char *text = NULL;

  if (server_side)
    text = g_strdup_printf (_("Each document is sent whole to the Esign Client Service (%s), which signs it there "
                              "and sends it back; it is checked here before it is saved."),
                            bs_app_context_get_server (context (self)));
  gtk_label_set_text (self->note, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note), server_side);
}

static void
on_email_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsSignDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = bs_app_context_email_otp_finish (BS_APP_CONTEXT (source), result, &error);

  if (!ok && !g_cancellable_is_cancelled (self->alive))
    show_message (self, error->message);
}

static void
request_code (BsSignDialog *self)
{
  if (self->otp)
    bs_app_context_email_otp_async (context (self), self->documents->len, self->alive, on_email_sent,
                                    g_object_ref (self));
}

/* ---- progress and results -------------------------------------------------- */

/* The bar counts what was signed, not what was tried. */
static void
show_progress (BsSignDialog *self)
{
  guint n_signed, n_failed;
  g_autofree char *text = NULL;

  bs_sign_count (self->documents, &n_signed, &n_failed);
  text = g_strdup_printf (_("%u of %u documents signed"), n_signed, self->documents->len);
  gtk_progress_bar_set_fraction (self->progress, self->documents->len ? (double) n_signed / self->documents->len : 0);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
on_progress (GObject *target, guint done, guint total)
{
  BsSignDialog *self = BS_SIGN_DIALOG (target);

  if (!g_cancellable_is_cancelled (self->alive))
    show_progress (self);
}

static void
show_results (BsSignDialog *self)
{
  g_autofree char *summary = bs_sign_summary (self->documents);
  GtkWidget *child;

  show_progress (self);
  gtk_label_set_text (self->summary, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), TRUE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  /* The failed ones first: they are what needs doing. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < self->documents->len; i++)
      {
        BsAppDocument *doc = g_ptr_array_index (self->documents, i);
        if ((bs_app_document_get_state (doc) == BS_DOC_SIGNED) == (pass == 1))
          gtk_list_box_append (self->results, bs_result_row_new (doc));
      }
  gtk_widget_set_visible (self->results_scroller, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->secret), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_SUMMARY]);
  set_done (self, TRUE);
}

static void
on_signed (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsSignDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ran = bs_app_context_sign_finish (BS_APP_CONTEXT (source), result, &error);

  if (g_cancellable_is_cancelled (self->alive))
    return;
  set_busy (self, FALSE);
  g_clear_object (&self->batch);
  if (self->close_when_stopped)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (ran)
    show_results (self);
  else if (bs_sign_error_is_refusal (error))
    {
      /* Nothing was signed: type it again. */
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      show_message (self, error->message);
      ask_secret (self, TRUE);
    }
  else
    {
      g_autofree char *reason = bs_sign_failure_reason (error);
      g_autofree char *text = g_strdup_printf (_("Nothing was signed: %s"), reason);
      BsBsreUser *user = bs_app_context_get_user (context (self));

      /* An inactive certificate: say where it stands (an issuance to
       * finish, a revoked one). */
      if (g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_CERTIFICATE_NOT_ACTIVE) && user != NULL
          && user->certificate_status != NULL)
        {
          g_free (text);
          text = g_strdup_printf (_("Nothing was signed: %s (its status: %s)"), reason,
                                  bs_certificate_status_describe (user->certificate_status));
        }
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      show_message (self, text);
      ask_secret (self, TRUE);
    }
}

/* ---- actions --------------------------------------------------------------- */

static void
start_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSignDialog *self = BS_SIGN_DIALOG (widget);
  const char *secret = gtk_editable_get_text (self->secret);

  if (self->busy || *secret == '\0')
    return;
  show_message (self, NULL);
  set_busy (self, TRUE);
  ask_secret (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  show_progress (self);
  self->batch = g_cancellable_new ();
  bs_app_context_sign_async (context (self), self->documents, bs_secret_new (secret, strlen (secret)), self->otp,
                             on_progress, G_OBJECT (self), self->batch, on_signed, g_object_ref (self));
  /* The typed secret does not stay in the widget. */
  gtk_editable_set_text (self->secret, "");
}

static void
cancel_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSignDialog *self = BS_SIGN_DIALOG (widget);

  if (self->busy)
    g_cancellable_cancel (self->batch);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Only the failed ones, with a new authorisation (secrets are not kept). */
static void
retry_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSignDialog *self = BS_SIGN_DIALOG (widget);
  GPtrArray *failed = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->documents->len; i++)
    if (bs_app_document_get_state (g_ptr_array_index (self->documents, i)) == BS_DOC_FAILED)
      g_ptr_array_add (failed, g_object_ref (g_ptr_array_index (self->documents, i)));
  if (failed->len == 0)
    {
      g_ptr_array_unref (failed);
      return;
    }
  g_ptr_array_unref (self->documents);
  self->documents = failed;
  gtk_widget_set_visible (self->results_scroller, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->summary), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  set_done (self, FALSE);
  show_prompt (self);
  ask_secret (self, TRUE);
  request_code (self);
}

static void
on_activate (BsSignDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "sign.start", NULL);
}

/* Closing while signing cancels first, and closes once the batch stopped
 * (what was signed stays signed, and is marked in the list). */
static gboolean
bs_sign_dialog_close_request (GtkWindow *window)
{
  BsSignDialog *self = BS_SIGN_DIALOG (window);

  if (!self->busy)
    return GTK_WINDOW_CLASS (bs_sign_dialog_parent_class)->close_request (window);
  self->close_when_stopped = TRUE;
  g_cancellable_cancel (self->batch);
  gtk_progress_bar_set_text (self->progress, _("Stopping…"));
  return TRUE;
}

/* ---- object ---------------------------------------------------------------- */

static void
bs_sign_dialog_dispose (GObject *object)
{
  BsSignDialog *self = BS_SIGN_DIALOG (object);

  g_cancellable_cancel (self->alive);
  g_cancellable_cancel (self->batch);
  g_clear_object (&self->batch);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  bs_dialog_dispose_template (BS_DIALOG (self), BS_TYPE_SIGN_DIALOG);
  G_OBJECT_CLASS (bs_sign_dialog_parent_class)->dispose (object);
}

static void
bs_sign_dialog_finalize (GObject *object)
{
  g_clear_object (&BS_SIGN_DIALOG (object)->alive);
  G_OBJECT_CLASS (bs_sign_dialog_parent_class)->finalize (object);
}

static const char *
visible_text (GtkLabel *label)
{
  return label && gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

static void
bs_sign_dialog_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsSignDialog *self = BS_SIGN_DIALOG (object);

  switch (id)
    {
    case PROP_BUSY: g_value_set_boolean (value, self->busy); break;
    case PROP_DONE: g_value_set_boolean (value, self->done); break;
    case PROP_SUMMARY: g_value_set_string (value, visible_text (self->summary)); break;
    case PROP_MESSAGE: g_value_set_string (value, visible_text (self->message)); break;
    case PROP_N_DOCUMENTS: g_value_set_uint (value, self->documents ? self->documents->len : 0); break;
    case PROP_NOTE: g_value_set_string (value, visible_text (self->note)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_sign_dialog_class_init (BsSignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = bs_sign_dialog_dispose;
  object_class->finalize = bs_sign_dialog_finalize;
  object_class->get_property = bs_sign_dialog_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = bs_sign_dialog_close_request;
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_DONE] = g_param_spec_boolean ("done", NULL, NULL, FALSE, flags);
  props[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  props[PROP_N_DOCUMENTS] = g_param_spec_uint ("n-documents", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "sign.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "sign.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "sign.retry-failed", NULL, retry_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, prompt);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, note);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, secret);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, summary);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, results_scroller);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, results);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, cancel);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, retry);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, sign);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
}

static void
bs_sign_dialog_init (BsSignDialog *self)
{
  self->alive = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
bs_sign_dialog_new (BsAppContext *context, GPtrArray *documents)
{
  BsSignDialog *self = g_object_new (BS_TYPE_SIGN_DIALOG, "context", context, NULL);
  g_autofree char *method = bs_settings_dup_string (bs_app_context_get_settings (context), "auth-method");

  g_return_val_if_fail (documents != NULL && documents->len > 0, NULL);
  self->documents = g_ptr_array_new_full (documents->len, g_object_unref);
  for (guint i = 0; i < documents->len; i++)
    g_ptr_array_add (self->documents, g_object_ref (g_ptr_array_index (documents, i)));
  self->otp = bs_app_context_get_local_certificate (context) == NULL && g_strcmp0 (method, "otp") == 0;
  show_prompt (self);
  show_note (self);
  update_actions (self);
  request_code (self);
  return GTK_WIDGET (self);
}
