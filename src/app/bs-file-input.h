/* bs-file-input.h — how PDF files come in: drops and the file chooser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "bs-window.h"

G_BEGIN_DECLS

/* Accepts dropped files on @widget and hands them to bs_window_open_files()
 * (the welcome page, the documents and the verification pages). */
void       bs_accept_file_drops (GtkWidget *widget, BsWindow *window);
/* A file (or folder) chooser; @suffixes (NULL-terminated) filter what it
 * shows under @filter_name (NULL: no filter). @on_files receives a
 * GListModel of GFile. */
void       bs_choose_files (GtkWindow *parent, const char *title, GtkFileChooserAction action,
                            const char *filter_name, const char *const *suffixes, gboolean multiple,
                            void (*on_files) (GListModel *files, gpointer data), gpointer data);
/* The local path of the first file of @files, or NULL (transfer full). */
char      *bs_first_path (GListModel *files);
/* A PDF file chooser; @on_files receives a GListModel of GFile. */
void       bs_choose_pdfs (BsWindow *window, const char *title, gboolean multiple,
                           void (*on_files) (GListModel *files, gpointer data), gpointer data);

G_END_DECLS
