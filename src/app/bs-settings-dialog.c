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
#include <string.h>

struct _BsSettingsDialog {
  BsDialog     parent_instance;

  /* Template widgets */
  GtkNotebook *notebook;
  GtkDropDown *visualisation;
  GtkPicture  *specimen;
  GtkDropDown *auth_method;
  GtkDropDown *output_kind;
  GtkDropDown *connection;
  GtkWidget   *esign_user_label;
  GtkEditable *esign_user;
  GtkWidget   *integration_password_label;
  GtkEditable *integration_password;
  GtkLabel    *password_note;
  GtkWidget   *choose_output;
  GtkLabel    *output_folder;
  GtkEditable *server_url;
  GtkEditable *server_ca;
  GtkEditable *tsa_url;
  GtkLabel    *tsa_note;
  GtkDropDown *level;
  GtkListBox  *anchors;
  GtkLabel    *message;

  /* Owned */
  char        *custom_folder;
};

enum { PROP_0, PROP_MESSAGE, PROP_N_ANCHORS, N_PROPS };
static GParamSpec *props[N_PROPS];

G_DEFINE_FINAL_TYPE (BsSettingsDialog, bs_settings_dialog, BS_TYPE_DIALOG)

static const char *const levels[] = { NULL, "B-B", "B-T", "B-LT", "B-LTA" };

static BsSettings *
settings (BsSettingsDialog *self)
{
  return bs_app_context_get_settings (bs_dialog_get_context (BS_DIALOG (self)));
}

static void
show_message (BsSettingsDialog *self, const char *text)
{
  gtk_label_set_text (self->message, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_MESSAGE]);
}

static void
show_output_folder (BsSettingsDialog *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->output_kind) == 1;
  g_autofree char *fallback = bs_output_default_dir ();

  gtk_widget_set_sensitive (self->choose_output, custom);
  gtk_label_set_text (self->output_folder, custom && self->custom_folder ? self->custom_folder : fallback);
}

static BsAppContext *
context (BsSettingsDialog *self)
{
  return bs_dialog_get_context (BS_DIALOG (self));
}

/* The integration's fields are an Esign Client Service's only; its
 * password is never written into the settings. */
static void
show_connection (BsSettingsDialog *self)
{
  gboolean esign = gtk_drop_down_get_selected (self->connection) == 1;
  gboolean known = bs_app_context_has_integration_password (context (self));

  gtk_widget_set_sensitive (self->esign_user_label, esign);
  gtk_widget_set_sensitive (GTK_WIDGET (self->esign_user), esign);
  gtk_widget_set_sensitive (self->integration_password_label, esign);
  gtk_widget_set_sensitive (GTK_WIDGET (self->integration_password), esign);
  gtk_label_set_text (self->password_note,
                      known ? _("The integration's password given this run is kept until BeSign is closed and is "
                                "never saved. Type another one to replace it.")
                            : _("The integration's password is never saved: it is kept until BeSign is closed. "
                                "Left empty, it is asked for at login."));
  gtk_widget_set_visible (GTK_WIDGET (self->password_note), esign);
}

static void
show_specimen (BsSettingsDialog *self)
{
  g_autofree char *path = bs_settings_dup_string (settings (self), "specimen");

  gtk_picture_set_filename (self->specimen, path);
}

static guint
count_anchors (BsSettingsDialog *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->anchors)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
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
  g_object_notify_by_pspec (G_OBJECT (self), props[PROP_N_ANCHORS]);
}

static void
set_entry (GtkEditable *entry, BsSettings *s, const char *key)
{
  g_autofree char *value = bs_settings_dup_string (s, key);

  gtk_editable_set_text (entry, value ? value : "");
}

/* The --tsa of this run is used instead of the setting, for this run. */
static void
show_overrides (BsSettingsDialog *self)
{
  const char *tsa = bs_app_context_get_tsa_override (bs_dialog_get_context (BS_DIALOG (self)));
  g_autofree char *text = tsa ? g_strdup_printf (_("Until BeSign is closed, the time-stamp service given when it "
                                                   "was started is used: %s"), tsa) : NULL;

  gtk_label_set_text (self->tsa_note, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->tsa_note), text != NULL);
}

static guint
level_index (BsSettings *s)
{
  g_autofree char *level = bs_settings_dup_string (s, "level");

  for (guint i = 1; level != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (level, levels[i]))
      return i;
  return 0;
}

static void
load (BsSettingsDialog *self)
{
  BsSettings *s = settings (self);
  g_autofree char *visualisation = bs_settings_dup_string (s, "visualisation");
  g_autofree char *method = bs_settings_dup_string (s, "auth-method");
  g_autofree char *connection = bs_settings_dup_string (s, "connection");
  g_autofree char *folder = bs_settings_dup_string (s, "output-folder");
  g_autofree char *fallback = bs_output_default_dir ();

  /* The setting reads as the default folder when unset: that is not a
   * custom choice. */
  g_free (self->custom_folder);
  self->custom_folder = g_strcmp0 (folder, fallback) != 0 ? g_steal_pointer (&folder) : NULL;
  gtk_drop_down_set_selected (self->visualisation, g_strcmp0 (visualisation, "visible") == 0);
  gtk_drop_down_set_selected (self->auth_method, g_strcmp0 (method, "otp") == 0);
  gtk_drop_down_set_selected (self->output_kind, self->custom_folder != NULL);
  set_entry (self->server_url, s, "server-url");
  set_entry (self->server_ca, s, "server-ca-file");
  gtk_drop_down_set_selected (self->connection, g_strcmp0 (connection, "esign") == 0);
  set_entry (self->esign_user, s, "esign-user");
  gtk_editable_set_text (self->integration_password, "");
  show_connection (self);
  set_entry (self->tsa_url, s, "tsa-url");
  gtk_drop_down_set_selected (self->level, level_index (s));
  show_overrides (self);
  show_output_folder (self);
  show_specimen (self);
  show_anchors (self);
}

static void
put (BsSettings *s, const char *key, const char *value)
{
  bs_settings_set_string (s, key, value && *value ? value : NULL);
}

/* A password typed goes to the context for this run; the one given
 * before is forgotten when it was for another integration or another
 * service (it is not sent where it was not typed for). */
static void
keep_integration_password (BsSettingsDialog *self, gboolean esign, gboolean same_integration)
{
  const char *typed = gtk_editable_get_text (self->integration_password);

  if (esign && *typed != '\0')
    bs_app_context_set_integration_password (context (self), bs_secret_new (typed, strlen (typed)));
  else if (!esign || !same_integration)
    bs_app_context_set_integration_password (context (self), NULL);
  gtk_editable_set_text (self->integration_password, "");
}

static void
save_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (widget);
  BsSettings *s = settings (self);
  gboolean custom = gtk_drop_down_get_selected (self->output_kind) == 1;
  gboolean esign = gtk_drop_down_get_selected (self->connection) == 1;
  g_autofree char *old_user = bs_settings_dup_string (s, "esign-user");
  g_autofree char *new_user = g_strstrip (g_strdup (gtk_editable_get_text (self->esign_user)));
  g_autofree char *old_url = bs_settings_dup_string (s, "server-url");
  g_autoptr(GError) error = NULL;
  gboolean same;

  put (s, "visualisation", gtk_drop_down_get_selected (self->visualisation) ? "visible" : "invisible");
  put (s, "auth-method", gtk_drop_down_get_selected (self->auth_method) ? "otp" : "passphrase");
  put (s, "output-folder", custom ? self->custom_folder : NULL);
  put (s, "server-url", gtk_editable_get_text (self->server_url));
  put (s, "server-ca-file", gtk_editable_get_text (self->server_ca));
  put (s, "connection", esign ? "esign" : "account");
  put (s, "esign-user", new_user);
  put (s, "tsa-url", gtk_editable_get_text (self->tsa_url));
  put (s, "level", levels[MIN (gtk_drop_down_get_selected (self->level), G_N_ELEMENTS (levels) - 1)]);
  if (!bs_settings_save (s, &error))
    {
      show_message (self, error->message);
      return;
    }
  {
    g_autofree char *new_url = bs_settings_dup_string (s, "server-url");
    same = g_strcmp0 (old_user, *new_user ? new_user : NULL) == 0 && g_strcmp0 (old_url, new_url) == 0;
  }
  keep_integration_password (self, esign, same);
  bs_app_context_settings_changed (context (self));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
import_specimen_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *copied = bs_user_data_import_specimen (settings (self), g_variant_get_string (param, NULL), &error);

  show_message (self, copied ? NULL : error->message);
  show_specimen (self);
}

static void
import_anchor_action (GtkWidget *widget, const char *action, GVariant *param)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  int added = bs_user_data_import_anchors (settings (self), g_variant_get_string (param, NULL), &error);

  show_message (self, added < 0 ? error->message : NULL);
  show_anchors (self);
}

static void
import_chosen (GtkWidget *widget, GListModel *files, const char *action)
{
  g_autofree char *path = bs_first_path (files);

  if (path != NULL)
    gtk_widget_activate_action (widget, action, "s", path);
}

static void specimen_chosen (GtkWidget *w, GListModel *f) { import_chosen (w, f, "settings.import-specimen"); }
static void anchor_chosen (GtkWidget *w, GListModel *f) { import_chosen (w, f, "settings.import-anchor"); }

static void
output_chosen (GtkWidget *widget, GListModel *files)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (widget);
  char *path = bs_first_path (files);

  if (path == NULL)
    return;
  g_free (self->custom_folder);
  self->custom_folder = path;
  show_output_folder (self);
}

static void
upload_specimen_action (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *const suffixes[] = { "png", "jpg", "jpeg", "PNG", "JPG", "JPEG", NULL };

  bs_choose_files (widget, _("Upload Specimen"), GTK_FILE_CHOOSER_ACTION_OPEN, _("Images"), suffixes, FALSE,
                   specimen_chosen);
}

static void
choose_anchor_action (GtkWidget *widget, const char *action, GVariant *param)
{
  const char *const suffixes[] = { "pem", "crt", "cer", "der", "PEM", "CRT", "CER", "DER", NULL };

  bs_choose_files (widget, _("Import Certificate"), GTK_FILE_CHOOSER_ACTION_OPEN, _("Certificates"), suffixes,
                   FALSE, anchor_chosen);
}

static void
choose_output_action (GtkWidget *widget, const char *action, GVariant *param)
{
  bs_choose_files (widget, _("Choose Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL, NULL, FALSE,
                   output_chosen);
}

static void
bs_settings_dialog_constructed (GObject *object)
{
  G_OBJECT_CLASS (bs_settings_dialog_parent_class)->constructed (object);
  load (BS_SETTINGS_DIALOG (object));
}

static void
bs_settings_dialog_dispose (GObject *object)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (object);

  if (self->output_kind != NULL)
    g_signal_handlers_disconnect_by_data (self->output_kind, self);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  bs_dialog_dispose_template (BS_DIALOG (self), BS_TYPE_SETTINGS_DIALOG);
  G_OBJECT_CLASS (bs_settings_dialog_parent_class)->dispose (object);
}

static void
bs_settings_dialog_finalize (GObject *object)
{
  g_free (BS_SETTINGS_DIALOG (object)->custom_folder);
  G_OBJECT_CLASS (bs_settings_dialog_parent_class)->finalize (object);
}

static void
bs_settings_dialog_get_property (GObject *object, guint id, GValue *value, GParamSpec *pspec)
{
  BsSettingsDialog *self = BS_SETTINGS_DIALOG (object);

  switch (id)
    {
    case PROP_MESSAGE:
      g_value_set_string (value, self->message && gtk_widget_get_visible (GTK_WIDGET (self->message))
                                 ? gtk_label_get_text (self->message) : NULL);
      break;
    case PROP_N_ANCHORS: g_value_set_uint (value, self->anchors ? count_anchors (self) : 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "settings.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "settings.upload-specimen", NULL, upload_specimen_action);
  gtk_widget_class_install_action (widget_class, "settings.choose-output", NULL, choose_output_action);
  gtk_widget_class_install_action (widget_class, "settings.choose-anchor", NULL, choose_anchor_action);
  gtk_widget_class_install_action (widget_class, "settings.import-specimen", "s", import_specimen_action);
  gtk_widget_class_install_action (widget_class, "settings.import-anchor", "s", import_anchor_action);
}

static void
bs_settings_dialog_class_init (BsSettingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = bs_settings_dialog_constructed;
  object_class->dispose = bs_settings_dialog_dispose;
  object_class->finalize = bs_settings_dialog_finalize;
  object_class->get_property = bs_settings_dialog_get_property;
  props[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);
  props[PROP_N_ANCHORS] = g_param_spec_uint ("n-anchors", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, props);
  install_actions (widget_class);
  gtk_widget_class_set_template_from_resource (widget_class, "/id/besign/Desktop/bs-settings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, notebook);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, visualisation);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, specimen);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, auth_method);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, output_kind);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, connection);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, esign_user_label);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, esign_user);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, integration_password_label);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, integration_password);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, password_note);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, choose_output);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, output_folder);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, server_url);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, server_ca);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, tsa_url);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, tsa_note);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, level);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, anchors);
  gtk_widget_class_bind_template_child (widget_class, BsSettingsDialog, message);
}

static void
bs_settings_dialog_init (BsSettingsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->output_kind, "notify::selected", G_CALLBACK (show_output_folder), self);
  g_signal_connect_swapped (self->connection, "notify::selected", G_CALLBACK (show_connection), self);
}
