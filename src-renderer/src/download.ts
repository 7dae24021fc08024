/** Saves base64 content as a file through the browser's download (works in Electron and the web host). */
export function downloadBase64(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
