/* bs-settings-dialog.c — see bs-settings-dialog.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "besign"

#include "bs-settings-dialog.h"
#include "bs-file-input.h"
#include "bs-output.h"
#include "bs-sign.h"
#include "bs-user-data.h"

#include <glib/gi18n.h>

struct _BsSettingsDialog {
  GtkWindow    parent_instance;
  BsWindow    *window;
  GtkDropDown *visualisation;
  GtkPicture  *specimen;
  GtkDropDown *auth_method;
  GtkDropDown *output_kind;
  GtkWidget   *choose_output;
  GtkLabel    *output_folder;
  GtkEditable *server_url;
  GtkEditable *server_ca;
  GtkEditable *tsa_url;
  GtkDropDown *level;
  GtkListBox  *anchors;
  GtkLabel    *message;
  char        *custom_folder;
};

G_DEFINE_FINAL_TYPE (BsSettingsDialog, bs_settings_dialog, GTK_TYPE_WINDOW)

static BsSettings *
settings (BsSettingsDialog *self)
{
  return bs_app_context_get_settings (bs_window_get_context (self->window));
}

static void
show_message (BsSettingsDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
}

static void
show_output_folder (BsSettingsDialog *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->output_kind) == 1;
  g_autofree char *fallback = bs_output_default_dir ();

  gtk_widget_set_sensitive (self->choose_output, custom);
  gtk_label_set_text (self->output_folder, custom && self->custom_folder ? self->custom_folder : fallback);
}

static void
show_specimen (BsSettingsDialog *self)
{
  g_autofree char *path = bs_settings_dup_string (settings (self), "specimen");

  gtk_picture_set_filename (self->specimen, path);
}

static void
show_anchors (BsSettingsDialog *self)
{
  g_autoptr(GPtrArray) names = bs_user_data_list_anchors (settings (self));
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->anchors))) != NULL)
    gtk_list_box_remove (self->anchors, child);
  for (guint i = 0; i < names->len; i++)
    {
      GtkWidget *label = gtk_label_new (g_ptr_array_index (names, i));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_append (self->anchors, label);
    }
}

guint
bs_settings_dialog_count_anchors (BsSettingsDialog *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->anchors)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

static void
set_entry (GtkEditable *entry, BsSettings *s, const char *key)
{
  g_autofree char *value = bs_settings_dup_string (s, key);

  gtk_editable_set_text (entry, value ? value : "");
}

static void
load (BsSettingsDialog *self)
{
  BsSettings *s = settings (self);
  g_autofree char *visualisation = bs_settings_dup_string (s, "visualisation");
  g_autofree char *method = bs_settings_dup_string (s, "auth-method");

  self->custom_folder = bs_settings_dup_string (s, "output-folder");
  gtk_drop_down_set_selected (self->visualisation, g_strcmp0 (visualisation, "visible") == 0);
  gtk_drop_down_set_selected (self->auth_method, g_strcmp0 (method, "otp") == 0);
  gtk_drop_down_set_selected (self->output_kind, self->custom_folder != NULL);
  set_entry (self->server_url, s, "server-url");
  set_entry (self->server_ca, s, "server-ca-file");
  set_entry (self->tsa_url, s, "tsa-url");
  {
    g_autofree char *level = bs_settings_dup_string (s, "level");
    BsSignLevel parsed;
    gtk_drop_down_set_selected (self->level, level && bs_sign_level_parse (level, &parsed) ? (guint) parsed + 1 : 0);
  }
  show_output_folder (self);
  show_specimen (self);
  show_anchors (self);
}

static void
put (BsSettings *s, const char *key, const char *value)
{
  bs_settings_set_string (s, key, value && *value ? value : NULL);
}

gboolean
bs_settings_dialog_save (BsSettingsDialog *self)
{
  BsSettings *s = settings (self);
  gboolean custom = gtk_drop_down_get_selected (self->output_kind) == 1;
  g_autoptr(GError) error = NULL;

  put (s, "visualisation", gtk_drop_down_get_selected (self->visualisation) ? "visible" : "invisible");
  put (s, "auth-method", gtk_drop_down_get_selected (self->auth_method) ? "otp" : "passphrase");
  put (s, "output-folder", custom ? self->custom_folder : NULL);
  put (s, "server-url", gtk_editable_get_text (self->server_url));
  put (s, "server-ca-file", gtk_editable_get_text (self->server_ca));
  put (s, "tsa-url", gtk_editable_get_text (self->tsa_url));
  {
    static const char *const levels[] = { NULL, "B-B", "B-T", "B-LT", "B-LTA" };
    put (s, "level", levels[MIN (gtk_drop_down_get_selected (self->level), G_N_ELEMENTS (levels) - 1)]);
  }
  if (!bs_settings_save (s, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  bs_app_context_settings_changed (bs_window_get_context (self->window));
  return TRUE;
}

static void
on_save (BsSettingsDialog *self)
{
  if (bs_settings_dialog_save (self))
    gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
bs_settings_dialog_import_specimen (BsSettingsDialog *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = bs_user_data_import_specimen (settings (self), path, &error);

  show_message (self, copied ? NULL : error->message);
  show_specimen (self);
  return copied != NULL;
}

gboolean
bs_settings_dialog_import_anchor (BsSettingsDialog *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  int added = bs_user_data_import_anchors (settings (self), path, &error);

  show_message (self, added < 0 ? error->message : NULL);
  show_anchors (self);
  return added > 0;
}

static void
specimen_chosen (GListModel *files, gpointer data)
{
  g_autofree char *path = bs_first_path (files);

  if (path != NULL)
    bs_settings_dialog_import_specimen (data, path);
}

static void
anchor_chosen (GListModel *files, gpointer data)
{
  g_autofree char *path = bs_first_path (files);

  if (path != NULL)
    bs_settings_dialog_import_anchor (data, path);
}

static void
output_chosen (GListModel *files, gpointer data)
{
  BsSettingsDialog *self = data;
  char *path = bs_first_path (files);

  if (path == NULL)
    return;
  g_free (self->custom_folder);
  self->custom_folder = path;
  show_output_folder (self);
}

static void
on_upload_specimen (BsSettingsDialog *self)
{
  const char *const suffixes[] = { "png", "jpg", "jpeg", "PNG", "JPG", "JPEG", NULL };

  bs_choose_files (GTK_WINDOW (self), _("Upload Specimen"), GTK_FILE_CHOOSER_ACTION_OPEN, _("Images"), suffixes,
                   FALSE, specimen_chosen, self);
}

static void
on_import_anchor (BsSettingsDialog *self)
{
  const char *const suffixes[] = { "pem", "crt", "cer", "der", "PEM", "CRT", "CER", "DER", NULL };

  bs_choose_files (GTK_WINDOW (self), _("Import Certificate"), GTK_FILE_CHOOSER_ACTION_OPEN, _("Certificates"),
                   suffixes, FALSE, anchor_chosen, self);
}

static void
on_choose_output (BsSettingsDialog *self)
{
  bs_choose_files (GTK_WINDOW (self), _("Choose Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL, NULL, FALSE,
                   output_chosen, self);
}

static void
bs_settings_dialog_finalize (GObject *object)
{
  g_free (BS_SETTINGS_DIALOG (object)->custom_folder);
  G_OBJECT_CLASS (bs_settings_dialog_parent_class)->finalize (object);
}

static void
bs_settings_dialog_class_init (BsSettingsDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = bs_settings_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, visualisation);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, specimen);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, auth_method);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, output_kind);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, choose_output);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, output_folder);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, server_url);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, server_ca);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, tsa_url);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, level);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, anchors);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, message);
  gtk_widget_class_bind_template_callback (widget_class, on_save);
  gtk_widget_class_bind_template_callback (widget_class, on_upload_specimen);
  gtk_widget_class_bind_template_callback (widget_class, on_import_anchor);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_output);
  gtk_widget_class_bind_template_callback_full (widget_class, "gtk_window_destroy", G_CALLBACK (gtk_window_destroy));
}

static void
bs_settings_dialog_init (BsSettingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->output_kind, "notify::selected", G_CALLBACK (show_output_folder), self);
}

GtkWidget *
bs_settings_dialog_new (BsWindow *window)
{
  BsSettingsDialog *self = g_object_new (BS_TYPE_SETTINGS_DIALOG, "transient-for", window, NULL);

  self->window = window;
  load (self);
  return GTK_WIDGET (self);
}
