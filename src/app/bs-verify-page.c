/* bs-verify-page.c — see bs-verify-page.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-verify-page.h"
#include "bs-compare-window.h"
#include "bs-file-input.h"
#include "bs-page-view.h"
#include "bs-password-dialog.h"
#include "bs-signature-details.h"
#include "bs-signature-facts.h"
#include "bs-signed-version.h"

#include <glib/gi18n.h>

struct _BsVerifyPage {
  BsPage          parent_instance;

  /* Template widgets */
  GtkWidget      *banner;
  GtkImage       *verdict_icon;
  GtkLabel       *verdict;
  GtkSpinner     *spinner;
  GtkWidget      *hint;
  GtkWidget      *online_check;
  GtkWidget      *unlock;

  /* Owned */
  BsVerifyReport *report;
  char           *path;
  BsSecret       *password;    /* opens @path while it is shown, or NULL */
  gboolean        locked;      /* @path needs a password not given yet */
  GCancellable   *alive;
  GCancellable   *verifying;   /* the running verification's */
  gboolean        online;

  /* Borrowed: a child of the page; windows open over it (weak pointers) */
  BsPageView     *view;
  GtkWidget      *details;
  GtkWidget      *compare;
  GtkWidget      *password_dialog;
};

enum {
  PROP_0, PROP_ONLINE, PROP_BUSY, PROP_VERDICT, PROP_DETAILS_WINDOW, PROP_COMPARE_WINDOW, PROP_LOCKED,
  PROP_PASSWORD_DIALOG, N_PROPS
};
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsVerifyPage, bs_verify_page, BS_TYPE_PAGE)

static const char *const verdict_classes[] = { "verdict-valid", "verdict-untrusted", "verdict-indeterminate",
                                               "verdict-bad", "verdict-neutral" };

static void
update_actions (BsVerifyPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verify.details", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verify.compare", self->report != NULL);
}

static void
style_banner (BsVerifyPage *self, BsFactState state)
{
  const char *css, *icon;

  for (gsize i = 0; i < G_N_ELEMENTS (verdict_classes); i++)
    gtk_widget_remove_css_class (self->banner, verdict_classes[i]);
  switch (state)
    {
    case BS_FACT_GOOD: css = "verdict-valid"; icon = "emblem-ok-symbolic"; break;
    case BS_FACT_WARNING: css = "verdict-untrusted"; icon = "dialog-warning-symbolic"; break;
    case BS_FACT_UNKNOWN: css = "verdict-neutral"; icon = "dialog-information-symbolic"; break;
    case BS_FACT_UNDECIDED: css = "verdict-indeterminate"; icon = "dialog-question-symbolic"; break;
    case BS_FACT_BAD:
    default: css = "verdict-bad"; icon = "dialog-error-symbolic"; break;
    }
  gtk_widget_add_css_class (self->banner, css);
  gtk_image_set_from_icon_name (self->verdict_icon, icon);
}

static void
close_windows (BsVerifyPage *self)
{
  /* The details read the report: they go with it. */
  if (self->details != NULL)
    gtk_window_destroy (GTK_WINDOW (self->details));
  if (self->compare != NULL)
    gtk_window_destroy (GTK_WINDOW (self->compare));
}

static void
set_locked (BsVerifyPage *self, gboolean locked)
{
  gtk_widget_set_visible (self->unlock, locked);
  if (self->locked == locked)
    return;
  self->locked = locked;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_LOCKED]);
}

static void
set_report (BsVerifyPage *self, BsVerifyReport *report)
{
  close_windows (self);
  g_clear_pointer (&self->report, bs_verify_report_free);
  self->report = report;
  set_locked (self, FALSE);
  gtk_widget_set_visible (self->banner, report != NULL);
  if (report != NULL)
    {
      gtk_label_set_text (self->verdict, bs_report_verdict_sentence (report));
      gtk_widget_set_tooltip_text (self->banner, bs_report_technical_error (report));
      style_banner (self, bs_verdict_state (report->verdict));
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_VERDICT]);
}

static void
set_busy (BsVerifyPage *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_BUSY]);
}

static void verify (BsVerifyPage *self);

static void
close_password_dialog (BsVerifyPage *self)
{
  if (self->password_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->password_dialog));
}

static void
on_password_submitted (BsVerifyPage *self, BsPasswordDialog *dialog)
{
  bs_secret_free (self->password);
  self->password = bs_password_dialog_take_password (dialog);
  verify (self);
}

/* "password-dialog" reads NULL by the time it notifies. */
static void
on_password_dialog_gone (BsVerifyPage *self, GtkWidget *dialog)
{
  if (self->password_dialog != dialog)
    return;
  g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->password_dialog);
  self->password_dialog = NULL;
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PASSWORD_DIALOG]);
}

static void
ask_password (BsVerifyPage *self)
{
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->password_dialog != NULL || self->path == NULL)
    return;
  name = g_path_get_basename (self->path);
  self->password_dialog = bs_password_dialog_new (bs_page_get_context (BS_PAGE (self)), name);
  g_object_add_weak_pointer (G_OBJECT (self->password_dialog), (gpointer *) &self->password_dialog);
  g_signal_connect_object (self->password_dialog, "submitted", G_CALLBACK (on_password_submitted), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->password_dialog, "destroy", G_CALLBACK (on_password_dialog_gone), self,
                           G_CONNECT_SWAPPED);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self->password_dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (self->password_dialog));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_PASSWORD_DIALOG]);
}

/* The document needs a password (none given yet, or a wrong one): the
 * banner says so and the password is asked for, again in the same
 * dialog when one was just tried. */
static void
show_locked (BsVerifyPage *self)
{
  g_clear_pointer (&self->password, bs_secret_free);
  gtk_label_set_text (self->verdict, _("This document is protected by a password: type it to verify its "
                                       "signatures."));
  gtk_widget_set_tooltip_text (self->banner, NULL);
  style_banner (self, BS_FACT_UNKNOWN);
  gtk_widget_set_visible (self->banner, TRUE);
  set_locked (self, TRUE);
  if (self->password_dialog != NULL)
    bs_password_dialog_set_wrong (BS_PASSWORD_DIALOG (self->password_dialog));
  else
    ask_password (self);
}

static void
on_verified (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(BsVerifyPage) self = data;
  g_autoptr(GError) error = NULL;
  BsVerifyReport *report = bs_app_context_verify_finish (BS_APP_CONTEXT (source), result, &error);

  /* Cancelled: the page went, or another document came. */
  if (g_cancellable_is_cancelled (self->alive) || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->verifying);
  set_busy (self, FALSE);
  if (report == NULL)
    {
      show_locked (self);
      return;
    }
  /* The password opened it: the page is shown with it too. */
  if (self->password_dialog != NULL)
    {
      bs_page_view_set_file_with_password (self->view, self->path, self->password);
      close_password_dialog (self);
    }
  set_report (self, report);
}

static void
verify (BsVerifyPage *self)
{
  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  set_report (self, NULL);
  if (self->path == NULL)
    return;
  self->verifying = g_cancellable_new ();
  set_busy (self, TRUE);
  bs_app_context_verify_async (bs_page_get_context (BS_PAGE (self)), self->path, self->online, self->password,
                               self->verifying, on_verified, g_object_ref (self));
}

static void
open_path (BsVerifyPage *self, const char *path)
{
  /* Another document: the password of this one is wiped. */
  close_password_dialog (self);
  g_clear_pointer (&self->password, bs_secret_free);
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_widget_set_visible (self->hint, path == NULL);
  bs_page_view_set_file (self->view, path);
  verify (self);
}

/* ---- the signed version ---------------------------------------------------- */

typedef struct {
  BsVerifyPage *self;
  char         *field_name;
} Compare;

static void
on_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  Compare *c = data;
  BsVerifyPage *self = c->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *copy = bs_app_context_save_version_finish (BS_APP_CONTEXT (source), result, &error);

  if (!g_cancellable_is_cancelled (self->alive) && copy != NULL && self->path != NULL)
    {
      self->compare = bs_compare_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), c->field_name,
                                             copy, self->path, self->password);
      g_object_add_weak_pointer (G_OBJECT (self->compare), (gpointer *) &self->compare);
      gtk_window_present (GTK_WINDOW (self->compare));
      g_object_notify_by_pspec (G_OBJECT (self), props[PROP_COMPARE_WINDOW]);
    }
  else if (!g_cancellable_is_cancelled (self->alive) && error != NULL)
    gtk_label_set_text (self->verdict, error->message);
  g_object_unref (c->self);
  g_free (c->field_name);
  g_free (c);
}

static void
compare_signature (BsVerifyPage *self, guint index)
{
  BsSignatureReport *sig;
  Compare *c;

  if (self->report == NULL || index >= self->report->signatures->len)
    return;
  sig = g_ptr_array_index (self->report->signatures, index);
  c = g_new0 (Compare, 1);
  c->self = g_object_ref (self);
  c->field_name = g_strdup (bs_signature_field_name (sig));
  bs_app_context_save_version_async (bs_page_get_context (BS_PAGE (self)), self->report->path,
                                     bs_signed_version_end (sig), self->alive, on_saved, c);
}

/* ---- actions --------------------------------------------------------------- */

static void
open_action (GtkWidget *widget, const char *action, GVariant *param)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    open_path (BS_VERIFY_PAGE (widget), path);
}

static void
file_chosen (GtkWidget *widget, GListModel *files)
{
  g_autofree char *path = bs_first_path (files);

  if (path == NULL)
    return;
  /* Through the window: it shows this page. */
  {
    g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
    gtk_widget_activate_action (widget, "win.verify-file", "s", uri);
  }
}

static void
browse_action (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_choose_pdfs (widget, _("Verify Document"), FALSE, file_chosen);
}

static void
on_compare (BsVerifyPage *self, guint index)
{
  compare_signature (self, index);
}

static void
details_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (widget);

  if (self->report == NULL || self->details != NULL)
    return;
  self->details = bs_signature_details_new (bs_page_get_context (BS_PAGE (self)), self->report);
  g_object_add_weak_pointer (G_OBJECT (self->details), (gpointer *) &self->details);
  g_signal_connect_object (self->details, "compare", G_CALLBACK (on_compare), self, G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (self->details), GTK_WINDOW (gtk_widget_get_root (widget)));
  gtk_window_present (GTK_WINDOW (self->details));
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_DETAILS_WINDOW]);
}

static void
compare_action (GtkWidget *widget, const char *action, GVariant *param)
{
  compare_signature (BS_VERIFY_PAGE (widget), g_variant_get_uint32 (param));
}

static void
password_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (widget);

  if (self->locked)
    ask_password (self);
}

static void
on_logged_out (BsVerifyPage *self)
{
  /* The previous user's document is not left on screen. */
  open_path (self, NULL);
}

/* ---- object ---------------------------------------------------------------- */

static void
bs_verify_page_constructed (GObject *object)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (object);

  G_OBJECT_CLASS (bs_verify_page_parent_class)->constructed (object);
  g_signal_connect_object (bs_page_get_context (BS_PAGE (self)), "logged-out", G_CALLBACK (on_logged_out), self,
                           G_CONNECT_SWAPPED);
}

static void
bs_verify_page_dispose (GObject *object)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (object);

  g_cancellable_cancel (self->alive);
  g_cancellable_cancel (self->verifying);
  close_windows (self);
  close_password_dialog (self);
  g_clear_pointer (&self->password, bs_secret_free);
  g_clear_object (&self->verifying);
  g_clear_pointer (&self->report, bs_verify_report_free);
  g_clear_pointer (&self->path, g_free);
  self->view = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), BS_TYPE_VERIFY_PAGE);
  G_OBJECT_CLASS (bs_verify_page_parent_class)->dispose (object);
}

static void
bs_verify_page_finalize (GObject *object)
{
  g_clear_object (&BS_VERIFY_PAGE (object)->alive);
  G_OBJECT_CLASS (bs_verify_page_parent_class)->finalize (object);
}

static void
bs_verify_page_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (object);

  switch (id)
    {
    case PROP_ONLINE: g_value_set_boolean (value, self->online); break;
    case PROP_BUSY: g_value_set_boolean (value, self->verifying != NULL); break;
    case PROP_VERDICT: g_value_set_string (value, self->report ? gtk_label_get_text (self->verdict) : NULL); break;
    case PROP_DETAILS_WINDOW: g_value_set_object (value, self->details); break;
    case PROP_COMPARE_WINDOW: g_value_set_object (value, self->compare); break;
    case PROP_LOCKED: g_value_set_boolean (value, self->locked); break;
    case PROP_PASSWORD_DIALOG: g_value_set_object (value, self->password_dialog); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
bs_verify_page_set_property (GObject *object, guint id, const GValue *value, GParamSpec *pspec)
{
  BsVerifyPage *self = BS_VERIFY_PAGE (object);

  if (id != PROP_ONLINE)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
      return;
    }
  if (self->online == g_value_get_boolean (value))
    return;
  self->online = g_value_get_boolean (value);
  g_object_notify_by_pspec (object, pspec);
  /* The document shown is verified again the other way. */
  if (self->path != NULL)
    verify (self);
}

static void
bs_verify_page_class_init (BsVerifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bs_verify_page_constructed;
  object_class->dispose = bs_verify_page_dispose;
  object_class->finalize = bs_verify_page_finalize;
  object_class->get_property = bs_verify_page_get_property;
  object_class->set_property = bs_verify_page_set_property;
  props[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, FALSE,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  props[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  props[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, flags);
  props[PROP_DETAILS_WINDOW] = g_param_spec_object ("details-window", NULL, NULL, GTK_TYPE_WINDOW, flags);
  props[PROP_COMPARE_WINDOW] = g_param_spec_object ("compare-window", NULL, NULL, GTK_TYPE_WINDOW, flags);
  props[PROP_LOCKED] = g_param_spec_boolean ("locked", NULL, NULL, FALSE, flags);
  props[PROP_PASSWORD_DIALOG] = g_param_spec_object ("password-dialog", NULL, NULL, GTK_TYPE_WINDOW, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  gtk_widget_class_install_action (widget_class, "verify.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "verify.browse", NULL, browse_action);
  gtk_widget_class_install_action (widget_class, "verify.details", NULL, details_action);
  gtk_widget_class_install_action (widget_class, "verify.compare", "u", compare_action);
  gtk_widget_class_install_action (widget_class, "verify.password", NULL, password_action);
  gtk_widget_class_install_property_action (widget_class, "verify.online", "online");
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-verify-page.ui");
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, banner);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, verdict);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, hint);
  gtk_widget_class_bind_template_child (widget_class, BsVerifyPage, unlock);
  gtk_widget_class_bind_template_child_full (widget_class, "online", FALSE,
                                             G_STRUCT_OFFSET (BsVerifyPage, online_check));
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, gpointer data)
{
  GSList *files = g_value_get_boxed (value);
  g_autofree char *path = files ? g_file_get_path (files->data) : NULL;

  if (path != NULL)
    open_path (BS_VERIFY_PAGE (data), path);
  return path != NULL;
}

static void
bs_verify_page_init (BsVerifyPage *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  self->alive = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->view = BS_PAGE_VIEW (bs_page_view_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->view));
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  update_actions (self);
}
