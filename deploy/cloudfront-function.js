// CloudFront Function (viewer request) for Krasa News on S3 + CloudFront.
// S3 does not map /articles/x to articles/x.html; this does, and sends the same canonical
// redirects as deploy/nginx.conf. Attach it to the default cache behaviour (viewer request).
function redirect(to) {
  return { statusCode: 301, statusDescription: 'Moved Permanently', headers: { location: { value: to } } };
}

function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var m = uri.match(/^(.*\/tags\/[a-z0-9-]+)\/page\/1$/);
  if (m) return redirect(m[1]);
  m = uri.match(/^(.*)\/page\/1$/);
  if (m) return redirect(m[1] + '/');
  m = uri.match(/^(.*\/(articles|tags)\/[a-z0-9-]+|.*\/tags)\/$/);
  if (m) return redirect(m[1]);
  if (uri.endsWith('/')) {
    request.uri = uri + 'index.html';
  } else if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = uri + '.html'; // a route: its prerendered page
  }
  return request;
}

if (typeof module !== 'undefined') module.exports = { handler };
