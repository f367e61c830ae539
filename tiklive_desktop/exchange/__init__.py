"""Import and export: CSV, XLSX, PDF and TikTok's data download. No widgets here.

Every file is written atomically (:mod:`.atomic`), so a failed or cancelled
export never leaves half a file where the user expects a whole one.
"""
