/* bs-verify-page.c — see bs-verify-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-verify-page.h"
#include "bs-file-input.h"
#include "bs-compare-window.h"
#include "bs-page-view.h"
#include "bs-signed-version.h"
#include "bs-verify-text.h"

#include <glib/gi18n.h>

struct _BsVerifyPage {
  GtkBox          parent_instance;
  BsWindow       *window;
  GtkWidget      *banner;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict;
  GtkSpinner     *spinner;
  GtkWidget      *details;
  GtkWidget      *hint;
  BsPageView     *view;
  BsVerifyReport *report;
  GCancellable   *cancellable;
  GtkWidget      *compare;   /* the open comparison window, or NULL */
};

G_DEFINE_FINAL_TYPE (BsVerifyPage, bs_verify_page, GTK_TYPE_BOX)

static const char *const verdict_classes[] = { "verdict-valid", "verdict-untrusted", "verdict-indeterminate",
                                               "verdict-bad", "verdict-neutral" };

static void
style_banner (BsVerifyPage *self, BsVerdict verdict)
{
  const char *css, *icon;

  for (gsize i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    gtk_widget_remove_css_class (self->banner, verdict_classes[i]);
  switch (verdict)
    {
    case BS_VERDICT_VALID: css = "verdict-valid"; icon = "emblem-ok-symbolic"; break;
    case BS_VERDICT_UNTRUSTED: css = "verdict-untrusted"; icon = "dialog-warning-symbolic"; break;
    case BS_VERDICT_INDETERMINATE: css = "verdict-indeterminate"; icon = "dialog-question-symbolic"; break;
    case BS_VERDICT_UNSIGNED: css = "verdict-neutral"; icon = "dialog-information-symbolic"; break;
    default: css = "verdict-bad"; icon = "dialog-error-symbolic"; break;
    }
  gtk_widget_add_css_class (self->banner, css);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
  BsVerifyPage *self = data;
  g_autoptr(GError) error = NULL;
  BsVerifyReport *report = bs_app_context_verify_finish (BS_APP_CONTEXT (source), result, &error);

  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (report != NULL)
    {
      g_clear_pointer (&self->report, bs_verify_report_free);
      self->report = report;
      /* The service's own Indonesian sentence: integrations and the
       * guide quote it as is. */
      gtk_label_set_text (self->verdict, report->verdict == BS_VERDICT_ERROR && report->error
                                         ? report->error : bs_verdict_text_id (report->verdict));
      gtk_widget_set_tooltip_text (self->banner, bs_verdict_describe (report->verdict));
      style_banner (self, report->verdict);
      gtk_widget_set_visible (self->banner, TRUE);
      gtk_widget_set_sensitive (self->details, TRUE);
    }
  g_object_unref (self);
}

void
bs_verify_page_open (BsVerifyPage *self, GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->report, bs_verify_report_free);
  gtk_widget_set_visible (self->banner, FALSE);
  gtk_widget_set_visible (self->hint, FALSE);
  gtk_widget_set_sensitive (self->details, FALSE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  bs_page_view_set_file (self->view, path);
  bs_app_context_verify_async (bs_window_get_context (self->window), path, self->cancellable, on_verified,
                               g_object_ref (self));
}

const char *
bs_verify_page_get_verdict_text (BsVerifyPage *self)
{
  return self->report ? gtk_label_get_text (self->verdict) : NULL;
}

char *
bs_verify_page_dup_details (BsVerifyPage *self)
{
  return self->report ? bs_verify_report_to_text (self->report) : NULL;
}

typedef struct {
  char              *path;
  gint64             end;         /* of the signed revision */
  char              *field_name;
} CompareCall;

static void
compare_call_free (CompareCall *c)
{
  g_free (c->path);
  g_free (c->field_name);
  g_free (c);
}

/* Copying a whole revision is file work: off the main loop. */
static void
save_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  CompareCall *c = task_data;
  GError *error = NULL;
  char *copy = bs_signed_version_save (c->path, c->end, &error);

  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_free);
}

static void
on_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (source);
  CompareCall *c = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = g_task_propagate_pointer (G_TASK (result), &error);

  if (copy == NULL)
    {
      gtk_label_set_text (self->verdict, error->message);
      return;
    }
  self->compare = bs_compare_window_new (GTK_WINDOW (self->window), c->field_name, copy, c->path);
  g_object_add_weak_pointer (G_OBJECT (self->compare), (gpointer *) &self->compare);
  gtk_window_present (GTK_WINDOW (self->compare));
}

void
bs_verify_page_compare (BsVerifyPage *self, guint index)
{
  BsSignatureReport *sig;
  CompareCall *c;
  GTask *task;

  if (self->report == NULL || index >= self->report->signatures->len)
    return;
  sig = g_ptr_array_index (self->report->signatures, index);
  c = g_new0 (CompareCall, 1);
  c->path = g_strdup (self->report->path);
  c->end = bs_signed_version_end (sig);
  c->field_name = g_strdup (sig->field->field_name);
  task = g_task_new (self, NULL, on_saved, NULL);
  g_task_set_task_data (task, c, (GDestroyNotify) compare_call_free);
  g_task_run_in_thread (task, save_thread);
  g_object_unref (task);
}

GtkWidget *
bs_verify_page_get_compare_window (BsVerifyPage *self)
{
  return self->compare;
}

static void
on_compare (GtkButton *button, gpointer data)
{
  bs_verify_page_compare (data, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

/* One "Lihat versi yang ditandatangani" button per signature. */
static GtkWidget *
compare_buttons (BsVerifyPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  for (guint i = 0; i < self->report->signatures->len; i++)
    {
      BsSignatureReport *sig = g_ptr_array_index (self->report->signatures, i);
      g_autofree char *label = g_strdup_printf (_("View the signed version: %s"), sig->field->field_name);
      GtkWidget *button = gtk_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_compare), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  return box;
}

GtkWidget *
bs_verify_page_show_details (BsVerifyPage *self)
{
  g_autofree char *text = bs_verify_page_dup_details (self);
  GtkWidget *dialog, *scroller, *view, *content;

  if (text == NULL)
    return NULL;
  dialog = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (dialog), _("Signature details"));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self->window));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 760, 560);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (content), scroller);
  gtk_box_append (GTK_BOX (content), compare_buttons (self));
  gtk_window_set_child (GTK_WINDOW (dialog), content);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
on_details (BsVerifyPage *self)
{
  bs_verify_page_show_details (self);
}

static void
open_chosen (GListModel *files, gpointer data)
{
  g_autoptr(GFile) file = g_list_model_get_item (files, 0);

  if (file != NULL)
    bs_window_verify_file (BS_VERIFY_PAGE (data)->window, file);
}

static void
on_browse (BsVerifyPage *self)
{
  bs_choose_pdfs (self->window, _("Verify Document"), FALSE, open_chosen, self);
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  GSList *files = g_value_get_boxed (value);

  if (files != NULL)
    bs_verify_page_open (BS_VERIFY_PAGE (data), files->data);
  return files != NULL;
}

static void
bs_verify_page_dispose (GObject *object)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->report, bs_verify_report_free);
  G_OBJECT_CLASS (bs_verify_page_parent_class)->dispose (object);
}

static void
browse_action (GtkWidget *widget, const char *action, GVariant *param)
{
  on_browse (BS_VERIFY_PAGE (widget));
}

static void
bs_verify_page_class_init (BsVerifyPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = bs_verify_page_dispose;
  gtk_widget_class_install_action (widget_class, "verify.browse", NULL, browse_action);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, banner);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, verdict);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, details);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, hint);
  gtk_widget_class_bind_template_callback (widget_class, on_browse);
  gtk_widget_class_bind_template_callback (widget_class, on_details);
}

static void
bs_verify_page_init (BsVerifyPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->view = BS_PAGE_VIEW (bs_page_view_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->view));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
bs_verify_page_new (BsWindow *window)
{
  BsVerifyPage *self = g_object_new (BS_TYPE_VERIFY_PAGE, NULL);

  self->window = window;
  return GTK_WIDGET (self);
}
