/* bs-sign-dialog.c — see bs-sign-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-sign-dialog.h"
#include "bs-error.h"

#include <glib/gi18n.h>
#include <string.h>

struct _BsSignDialog {
  GtkWindow       parent_instance;
  BsWindow       *window;
  GPtrArray      *documents;   /* borrowed BsAppDocument */
  gboolean        otp;
  gboolean        busy;
  gboolean        done;
  GPtrArray      *results;
  GCancellable   *cancellable;
  GtkLabel       *prompt;
  GtkEditable    *secret;
  GtkLabel       *message;
  GtkProgressBar *progress;
  GtkWidget      *results_scroller;
  GtkListBox     *results_list;
  GtkButton      *cancel;
  GtkButton      *sign;
};

G_DEFINE_FINAL_TYPE (BsSignDialog, bs_sign_dialog, GTK_TYPE_WINDOW)

static BsAppContext *
context (BsSignDialog *self)
{
  return bs_window_get_context (self->window);
}

static void
show_message (BsSignDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
}

static void
launch_uri_of (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);

  if (uri != NULL)
    g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
on_open (GtkButton *button, gpointer data)
{
  launch_uri_of (g_object_get_data (G_OBJECT (button), "path"));
}

static void
on_show_folder (GtkButton *button, gpointer data)
{
  g_autofree char *dir = g_path_get_dirname (g_object_get_data (G_OBJECT (button), "path"));

  launch_uri_of (dir);
}

static GtkWidget *
path_button (const char *label, const char *path, GCallback callback)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  g_object_set_data_full (G_OBJECT (button), "path", g_strdup (path), g_free);
  g_signal_connect (button, "clicked", callback, NULL);
  return button;
}

static GtkWidget *
result_row (const BsSignResult *r)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *name = g_path_get_basename (r->input);
  g_autofree char *text = r->output == NULL ? g_strdup_printf (_("%s: not signed: %s"), name, r->error->message)
                          : r->repaired    ? g_strdup_printf (_("%s: signed (the file was damaged and was rebuilt first)"), name)
                                           : g_strdup_printf (_("%s: signed"), name);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  if (r->output == NULL)
    gtk_widget_add_css_class (label, "error-text");
  gtk_box_append (GTK_BOX (row), label);
  if (r->output != NULL)
    {
      gtk_box_append (GTK_BOX (row), path_button (_("Open"), r->output, G_CALLBACK (on_open)));
      gtk_box_append (GTK_BOX (row), path_button (_("Show in folder"), r->output, G_CALLBACK (on_show_folder)));
    }
  return row;
}

static void
on_progress (const BsSignResult *r, guint done, guint total, gpointer data)
{
  BsSignDialog *self = data;
  g_autofree char *name = g_path_get_basename (r->input);
  g_autofree char *text = g_strdup_printf (_("%u of %u: %s"), done, total, name);

  gtk_progress_bar_set_fraction (self->progress, (double) done / total);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
finish (BsSignDialog *self)
{
  self->busy = FALSE;
  self->done = TRUE;
  gtk_button_set_label (self->cancel, _("Close"));
  gtk_widget_set_visible (GTK_WIDGET (self->sign), FALSE);
}

/* A wrong passphrase or code fails every document alike, before anything
 * is written: the user may type it again. */
static gboolean
refused_authorisation (GPtrArray *results, const GError **reason)
{
  for (guint i = 0; i < results->len; i++)
    {
      const BsSignResult *r = g_ptr_array_index (results, i);
      if (r->output != NULL || !(g_error_matches (r->error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE)
                                 || g_error_matches (r->error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_OTP)))
        return FALSE;
      *reason = r->error;
    }
  return results->len > 0;
}

static void
allow_retry (BsSignDialog *self, const char *why)
{
  show_message (self, why);
  self->busy = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->secret));
}

/* The bar ends on the outcome, not on the last file's name. */
static void
summarise (BsSignDialog *self, GPtrArray *results)
{
  guint signed_count = 0;
  g_autofree char *text = NULL;

  for (guint i = 0; i < results->len; i++)
    if (((const BsSignResult *) g_ptr_array_index (results, i))->output != NULL)
      signed_count++;
  text = g_strdup_printf (_("%u of %u documents signed"), signed_count, results->len);
  gtk_progress_bar_set_fraction (self->progress, 1.0);
  gtk_progress_bar_set_text (self->progress, text);
}

static void
show_results (BsSignDialog *self, GPtrArray *results)
{
  self->results = results;
  summarise (self, results);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->results_list, result_row (g_ptr_array_index (results, i)));
  gtk_widget_set_visible (self->results_scroller, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->secret), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt), FALSE);
  finish (self);
}

static void
on_signed (GObject *source, GAsyncResult *result, gpointer data)
{
  BsSignDialog *self = data;
  g_autoptr(GError) error = NULL;
  GPtrArray *results = bs_app_context_sign_finish (BS_APP_CONTEXT (source), result, &error);
  const GError *reason = NULL;

  if (results == NULL && (g_error_matches (error, BS_ERROR, BS_ERROR_BAD_PASSPHRASE)
                          || g_error_matches (error, BS_BSRE_ERROR, BS_BSRE_ERROR_INVALID_PASSPHRASE)))
    allow_retry (self, error->message);
  else if (results == NULL)
    {
      show_message (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
      finish (self);
    }
  else if (refused_authorisation (results, &reason))
    {
      allow_retry (self, reason->message);
      g_ptr_array_unref (results);
    }
  else
    show_results (self, results);
  g_object_unref (self);
}

static void
on_sign (BsSignDialog *self)
{
  const char *secret = gtk_editable_get_text (self->secret);

  if (self->busy || *secret == '\0')
    return;
  show_message (self, NULL);
  self->busy = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->sign), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_progress_bar_set_text (self->progress, _("Signing…"));
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  bs_app_context_sign_async (context (self), self->documents, bs_secret_new (secret, strlen (secret)), self->otp,
                             on_progress, self, self->cancellable, on_signed, g_object_ref (self));
  /* The typed secret does not stay in the widget. */
  gtk_editable_set_text (self->secret, "");
}

static void
on_cancel (BsSignDialog *self)
{
  if (self->busy)
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

void
bs_sign_dialog_submit (BsSignDialog *self, const char *secret)
{
  gtk_editable_set_text (self->secret, secret);
  on_sign (self);
}

gboolean bs_sign_dialog_is_done (BsSignDialog *self) { return self->done; }
GPtrArray *bs_sign_dialog_get_results (BsSignDialog *self) { return self->results; }

const char *
bs_sign_dialog_get_message (BsSignDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}

static void
on_email_sent (GObject *source, GAsyncResult *result, gpointer data)
{
  BsSignDialog *self = data;
  g_autoptr(GError) error = NULL;

  if (!bs_app_context_email_otp_finish (BS_APP_CONTEXT (source), result, &error))
    show_message (self, error->message);
  g_object_unref (self);
}

static void
bs_sign_dialog_dispose (GObject *object)
{
  BsSignDialog *self = BS_SIGN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  G_OBJECT_CLASS (bs_sign_dialog_parent_class)->dispose (object);
}

static void
bs_sign_dialog_class_init (BsSignDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bs_sign_dialog_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-sign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, prompt);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, secret);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, message);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, progress);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, results_scroller);
  gtk_widget_class_bind_template_child_full (widget_class, "results", FALSE,
                                             G_STRUCT_OFFSET (BsSignDialog, results_list));
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, cancel);
  gtk_widget_class_bind_template_child (widget_class, BsSignDialog, sign);
  gtk_widget_class_bind_template_callback (widget_class, on_sign);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
}

static void
bs_sign_dialog_init (BsSignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->secret, "activate", G_CALLBACK (on_sign), self);
}

GtkWidget *
bs_sign_dialog_new (BsWindow *window, GPtrArray *documents)
{
  BsSignDialog *self = g_object_new (BS_TYPE_SIGN_DIALOG, "transient-for", window, NULL);
  g_autofree char *method = bs_settings_dup_string (bs_app_context_get_settings (bs_window_get_context (window)),
                                                    "auth-method");
  g_autofree char *prompt = NULL;

  self->window = window;
  self->documents = documents;
  const char *p12 = bs_app_context_get_local_certificate (bs_window_get_context (window));

  self->otp = p12 == NULL && g_strcmp0 (method, "otp") == 0;
  if (p12 != NULL)
    {
      g_autofree char *name = g_path_get_basename (p12);
      prompt = g_strdup_printf (_("Enter the password of the certificate file %s to sign %u document(s)."), name,
                                documents->len);
    }
  else if (self->otp)
    {
      prompt = g_strdup_printf (_("A code was sent to your official e-mail to sign %u document(s). Enter it:"),
                                documents->len);
      bs_app_context_email_otp_async (bs_window_get_context (window), documents->len, NULL, on_email_sent,
                                      g_object_ref (self));
    }
  else
    prompt = g_strdup_printf (_("Enter your certificate's passphrase to sign %u document(s)."), documents->len);
  gtk_label_set_text (self->prompt, prompt);
  return GTK_WIDGET (self);
}
