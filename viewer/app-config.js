/** @type {AppTypes.Config} */
// OHIF Viewer configuration for Vesalius. `./vna viewer-install` puts this file in place of the
// app-config.js of the @ohif/app build; the server serves that build under /viewer/
// (vna.viewer.directory). The DICOMweb root is the archive that serves the page, so the
// viewer needs no CORS. A viewer hosted elsewhere: `node viewer/prepare.mjs ... --dicomweb URL`
// writes that URL here instead, and the archive must then allow the viewer's origin
// (vna-server/README.md, "Viewer").
const dicomWebRoot = window.location.origin + '/dicomweb';
// How to log in, from the archive (vesalius-login.js, loaded before this file): null when it
// requires no token; else the issuer whose tokens it accepts and the viewer's public client.
const login = window.vesaliusLogin ?? null;

window.config = {
  name: 'vesalius',
  // The build is served under /viewer/: study list /viewer/, a study
  // /viewer/viewer?StudyInstanceUIDs=<uid>.
  routerBasename: '/viewer',
  extensions: [],
  modes: [],
  customizationService: {},
  showStudyList: true,
  // Two shared cores here; OHIF's default is 3 decoding workers.
  maxNumberOfWebWorkers: 2,
  showWarningMessageForCrossOrigin: false,
  showCPUFallbackMessage: true,
  showLoadingIndicator: true,
  strictZSpacingForVolumeViewport: true,
  groupEnabledModesFirst: true,
  maxNumRequests: {
    interaction: 100,
    thumbnail: 5,
    prefetch: 10,
  },
  showErrorDetails: 'always',
  // No investigational-use dialog: this is a demo on one's own archive.
  investigationalUseDialog: { option: 'never' },
  defaultDataSourceName: 'vesalius',
  dataSources: [
    {
      namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
      sourceName: 'vesalius',
      configuration: {
        friendlyName: 'Vesalius',
        name: 'vesalius',
        qidoRoot: dicomWebRoot,
        wadoRoot: dicomWebRoot,
        // WADO-URI is /wado beside /dicomweb; with imageRendering 'wadors' OHIF uses it only
        // to download whole instances.
        wadoUriRoot: window.location.origin + '/wado',
        // QIDO-RS answers includefield (lists, repeated, `all`).
        qidoSupportsIncludeField: true,
        // Person names match case- and accent-insensitively without fuzzymatching; the server
        // accepts fuzzymatching=false/true but does not do phonetic matching.
        supportsFuzzyMatching: false,
        supportsWildcard: true,
        supportsReject: false,
        // Pixel data through WADO-RS frames; thumbnails rendered from frames too (the archive
        // has no rendered or thumbnail resources).
        imageRendering: 'wadors',
        thumbnailRendering: 'wadors',
        // Series metadata are fetched when a series is displayed, not the whole study up front.
        enableStudyLazyLoad: true,
        staticWado: false,
        singlepart: 'bulkdata,video',
        bulkDataURI: {
          enabled: true,
          relativeResolution: 'studies',
        },
        // Accept headers as the image loader writes them by default (unquoted parameters);
        // the server negotiates quoted and unquoted alike.
        omitQuotationForMultipartRequest: true,
        // The archive takes STOW-RS: OHIF's upload dialog stores into it.
        dicomUploadEnabled: true,
      },
    },
  ],
};
if (login) {
  // OHIF's login: authorization code + PKCE (oidc-client-ts, response_type 'code') at the
  // archive's issuer; the callback is /viewer/callback on the page's own origin, and every
  // DICOMweb request carries `Authorization: Bearer <access token>`.
  window.config.oidc = [
    {
      authority: login.authority,
      client_id: login.clientId,
      response_type: 'code',
      scope: 'openid profile',
      redirect_uri: '/callback',
      // OHIF routes this path (and silent_redirect_uri) without taking routerBasename off: '/'
      // would be the route '/viewer/', i.e. our /viewer/viewer, and catch every study page.
      post_logout_redirect_uri: '/signed-out',
      // OHIF's silent-refresh.html is made for its legacy client (and loads a CDN script): no
      // silent renewal; when the token expires the viewer logs in again (one redirect while the
      // issuer's session lasts).
      automaticSilentRenew: false,
      revokeAccessTokenOnSignout: false,
    },
  ];
}
