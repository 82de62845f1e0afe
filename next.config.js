/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  productionBrowserSourceMaps: false,
  // `npm test` type-checks the whole project with `tsc --noEmit` before it
  // builds; checking again inside `next build` would only double the time.
  typescript: { ignoreBuildErrors: true },
};
module.exports = nextConfig;
